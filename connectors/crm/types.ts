/**
 * One interface for every CRM. The sync engine (src/sync/) owns the flow
 * (read → compute → plan → write → record); a connector supplies only the CRM-specific steps:
 * find record ids, write field values, create tasks, publish events. Errors belong to records:
 * a batch answer is mapped back to one WriteResult per input, and one bad record never fails
 * its neighbours. Only a condition that stops the whole run (bad credentials, a daily quota
 * spent) is thrown, as a PulseError (CRM_AUTH_FAILED, CRM_RATE_LIMITED).
 */
import type { ExtraValues, FormattedSignals, SalesforceValue } from '../../src/catalog';

export type CrmKind = 'hubspot' | 'salesforce' | 'dry-run';

/** A value as the CRM takes it: HubSpot wants strings, Salesforce typed values. */
export type CrmValue = string | SalesforceValue;

/** What the warehouse says about where an account lives in the CRM. */
export interface RecordHints {
  account_id: string;
  name: string | null;
  domain: string | null;
  hubspot_company_id: string | null;
  salesforce_account_id: string | null;
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
  | { key: string; ok: false; error: string; retryable: boolean };

export interface CrmConnector {
  readonly kind: CrmKind;
  /** Identifies the CRM account written to (HubSpot portal id, Salesforce org id); 'dry-run' for the dry run. */
  readonly installationId: string;
  /** An account's signals as this CRM's field name → value map (from the field catalog). */
  formatFields(signals: FormattedSignals, extra: ExtraValues): Record<string, CrmValue>;
  /** The CRM record id of each account, or null when the CRM has none (reported as unmatched). */
  resolveRecords(accounts: readonly RecordHints[]): Promise<Map<string, string | null>>;
  writeFields(writes: readonly FieldWrite[]): Promise<WriteResult[]>;
  /**
   * Creates tasks idempotently: a task whose key the CRM already holds (a crash between the create
   * and the state update) is reported ok with the existing id, never created twice.
   */
  createTasks(tasks: readonly TaskWrite[]): Promise<WriteResult[]>;
  publishEvents(events: readonly TriggerEvent[]): Promise<WriteResult[]>;
  /** API calls made by this connector so far, for the run history. */
  readonly apiCalls: number;
  close(): Promise<void>;
}
