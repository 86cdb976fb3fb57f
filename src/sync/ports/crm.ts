/**
 * The CRM port: what the sync job needs from a CRM, declared by the core and implemented by the
 * adapters in `connectors/crm/`. The job owns the flow (read → compute → plan → write → record); a
 * connector supplies only the CRM's steps: find record ids, write field values, create tasks, publish
 * events. Errors belong to records: a batch answer is mapped back to one WriteResult per input, and one
 * bad record never fails its neighbours. Only what stops the whole run is thrown: bad credentials
 * (CRM_AUTH_FAILED) and a spent quota (`QuotaStopError`).
 */
import type { ExtraValues, FormattedSignals } from '../../catalog';
import type { CrmIdColumn } from '../../domain/contract';
import { PulseError } from '../../errors';

/** A value as the CRM takes it: HubSpot wants strings, Salesforce typed scalars. */
export type CrmValue = string | number | boolean | null;

/** What the warehouse says about where an account lives in this CRM (the same shape for every CRM). */
export interface RecordHints {
  account_id: string;
  name: string | null;
  domain: string | null;
  /** The CRM record id the warehouse holds for this CRM (`CrmConnector.recordIdColumn`), or null. */
  record_id: string | null;
}

export interface FieldWrite {
  account_id: string;
  /** The CRM record id (HubSpot company id, Salesforce Account id). */
  record_id: string;
  /** CRM field name → value; only the fields that changed since the last accepted write. */
  values: Record<string, CrmValue>;
}

export interface TaskWrite {
  /** Idempotency key (account + playbook + firing date), stored on the task itself. */
  key: string;
  account_id: string;
  record_id: string;
  subject: string;
  body: string;
  priority: 'high' | 'medium' | 'low';
  /** `YYYY-MM-DD`. */
  due_date: string;
  /** The account owner's email from the warehouse; the connector maps it to a CRM owner, or leaves the record owner. */
  owner: string | null;
}

/** A playbook trigger as an event (Salesforce `Pulse_Playbook__e`); HubSpot triggers are field values only. */
export interface TriggerEvent {
  key: string;
  account_id: string;
  record_id: string;
  playbook: string;
  reason: string;
  /** ISO-8601 datetime. */
  fired_at: string;
}

/** The outcome for one input, keyed by account_id (fields) or task/event key. */
export type WriteResult =
  | { key: string; ok: true; crm_id?: string }
  | {
      key: string;
      ok: false;
      error: string;
      retryable: boolean;
      /** The CRM's own code for this record's failure (Salesforce's `statusCode`), when it gave one: what a connector retries by. */
      code?: string;
    };

/** How much the job may hand a connector at once: read from the CRM's description. */
export interface WriteLimits {
  /** Records per batch call. */
  batchSize: number;
  /** Batch calls the connector runs at once. */
  requestsInFlight: number;
  /**
   * Accounts per write unit, when a CRM wants more than one round of calls per unit (so a unit's tasks
   * and events fill their batches). @defaultValue batchSize × requestsInFlight
   */
  unitSize?: number;
  /**
   * A CRM with an asynchronous bulk job (Salesforce Bulk API 2.0): a run with at least `threshold`
   * changed records hands the connector its field writes in units of up to `maxRecords`, marked
   * `bulk`. Absent: every unit is `batchSize × requestsInFlight`.
   */
  bulk?: { threshold: number; maxRecords: number };
}

export interface WriteFieldsOptions {
  /** The run is at or above `limits.bulk.threshold`: write through the bulk job. */
  bulk: boolean;
  /** Where the bulk job's id is kept while it runs (the installation's, from the state store). */
  jobs?: CrmJobLedger;
}

export interface CrmConnector {
  /** The CRM kind, as the registry names it (`hubspot`, `salesforce`, `dry-run`). */
  readonly kind: string;
  /** Identifies the CRM account written to (HubSpot portal id, Salesforce org id); never guessed. */
  readonly installationId: string;
  readonly limits: WriteLimits;
  /** The warehouse column that holds this CRM's record id, or null when the warehouse cannot know it. */
  readonly recordIdColumn: CrmIdColumn | null;
  /** An account's signals as this CRM's field name → value map (from the field catalog). */
  formatFields(signals: FormattedSignals, extra: ExtraValues): Record<string, CrmValue>;
  /** The CRM record id of each account, or null when the CRM has none (reported as unmatched). */
  resolveRecords(accounts: readonly RecordHints[]): Promise<Map<string, string | null>>;
  writeFields(writes: readonly FieldWrite[], options?: WriteFieldsOptions): Promise<WriteResult[]>;
  /**
   * Creates tasks idempotently: a task whose key the CRM already holds (a crash between the create
   * and the state update) is reported ok with the existing id, never created twice.
   */
  createTasks(tasks: readonly TaskWrite[]): Promise<WriteResult[]>;
  publishEvents(events: readonly TriggerEvent[]): Promise<WriteResult[]>;
  /** HTTP requests made by this connector so far (retries included), for the run history. */
  readonly apiCalls: number;
  /** Answers so far that said a rate limit or quota was reached (429s), for metrics. */
  readonly rateLimited?: number;
  close(): Promise<void>;
}

/**
 * The CRM's quota for the period is spent (HubSpot's daily limit, Salesforce's 24-hour API limit): the
 * run stops, keeps what landed (`partial`: the results settled before the stop, to be recorded), and
 * may resume after `resumeAt`. Every write is idempotent, so the next run simply finishes the job.
 */
export class QuotaStopError extends PulseError {
  readonly resumeAt: string;
  partial: WriteResult[] = [];

  /** `why`: what ran out, in words. @defaultValue `${crm}'s API quota is spent` */
  constructor(crm: string, resumeAt: string, place: string, why = `${crm}'s API quota is spent`) {
    super('CRM_RATE_LIMITED', `${why} (at ${place}); the run stopped with what landed kept: resume after ${resumeAt}`, { place });
    this.resumeAt = resumeAt;
  }
}

export function isQuotaStop(error: unknown): error is QuotaStopError {
  return error instanceof QuotaStopError;
}

/**
 * Where a connector keeps the id of an asynchronous CRM job (a Salesforce Bulk API 2.0 ingest job),
 * under a key derived from what the job writes: a run that restarts with the same writes finds the job
 * and polls it instead of sending the records again. Backed by the state store, per installation.
 */
export interface CrmJobLedger {
  /** The job id kept under `key`, or null. */
  find(key: string): Promise<string | null>;
  remember(key: string, jobId: string): Promise<void>;
  /** The job's results are mapped and handed back: the key no longer names work in progress. */
  forget(key: string): Promise<void>;
}
