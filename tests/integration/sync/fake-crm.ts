import { toHubspotProperties } from '../../../src/catalog';
import { PulseError } from '../../../src/errors';
import { isQuotaStop, QuotaStopError } from '../../../src/sync/ports';
import type { CrmConnector, CrmValue, FieldWrite, RecordHints, TaskWrite, TriggerEvent, WriteFieldsOptions, WriteLimits, WriteResult } from '../../../src/sync/ports';

/** Where the fake CRM fails: `write:1` is the second writeFields call of the run. */
export type FailStep = 'resolve' | `write:${number}` | 'tasks' | 'events';

/**
 * 'before': throws before changing anything (the request never arrived).
 * 'mid': applies the first half of the inputs, then throws (killed mid-batch).
 * 'after': applies everything, then throws (the answer was lost: killed before the state update).
 * 'quota': applies the first half, then stops the run as a spent quota does, with those results as `partial`.
 * 'auth': throws CRM_AUTH_FAILED before changing anything (a revoked token).
 */
export type FailMode = 'before' | 'mid' | 'after' | 'quota' | 'auth';

export class InjectedFailure extends Error {}

/** When the fake's quota resets. */
export const RESUME_AT = '2024-02-22T00:00:00.000Z';

/**
 * An in-memory CRM behind the connector interface: companies with properties, tasks unique by their
 * key (as the real CRMs' unique task-key property makes them), events as published. It counts calls.
 */
export class FakeCrm implements CrmConnector {
  readonly kind = 'hubspot' as const;
  readonly installationId: string;
  readonly recordIdColumn = 'hubspot_company_id' as const;
  /** Small units, so a run of 24 accounts crosses several; a test may widen them. */
  limits: WriteLimits = { batchSize: 5, requestsInFlight: 1 };
  /** record id → properties as written. */
  readonly records = new Map<string, Record<string, CrmValue>>();
  readonly tasks = new Map<string, TaskWrite & { id: string }>();
  /** Every task create request, including replays answered with the existing task. */
  taskCreates = 0;
  readonly events: TriggerEvent[] = [];
  calls = 0;
  /** Every writeFields request as sent, in order. */
  readonly writeLog: FieldWrite[][] = [];
  /** Whether each writeFields request was marked for the bulk job. */
  readonly bulkLog: boolean[] = [];
  fail: { step: FailStep; mode: FailMode } | null = null;
  /** Accounts whose field writes the CRM rejects (a validation error on the record). */
  readonly rejectAccounts = new Set<string>();
  private writeCalls = 0;
  private readonly recordOf = new Map<string, string>();

  /** `accounts` exist in the CRM; any other account is unmatched. */
  constructor(accounts: readonly string[], installationId = 'portal-4242') {
    this.installationId = installationId;
    for (const id of accounts) {
      const recordId = `co-${id}`;
      this.recordOf.set(id, recordId);
      this.records.set(recordId, {});
    }
  }

  get apiCalls(): number {
    return this.calls;
  }

  formatFields(...args: Parameters<typeof toHubspotProperties>): Record<string, CrmValue> {
    return toHubspotProperties(args[0], args[1]);
  }

  private async step<T>(name: FailStep, items: readonly T[], apply: (item: T) => void): Promise<void> {
    this.calls++;
    const failing = this.fail !== null && this.fail.step === name ? this.fail.mode : null;
    if (failing === 'before') throw new InjectedFailure(`injected failure before ${name}`);
    if (failing === 'auth') throw new PulseError('CRM_AUTH_FAILED', `the CRM refused ${name}: token revoked`, { place: name });
    const upTo = failing === 'mid' || failing === 'quota' ? Math.ceil(items.length / 2) : items.length;
    items.slice(0, upTo).forEach(apply);
    if (failing === 'quota') throw new QuotaStopError('The fake CRM', RESUME_AT, name);
    if (failing !== null) throw new InjectedFailure(`injected failure ${failing} ${name}`);
  }

  async resolveRecords(accounts: readonly RecordHints[]): Promise<Map<string, string | null>> {
    await this.step('resolve', [], () => undefined);
    return new Map(accounts.map((a) => [a.account_id, this.recordOf.get(a.account_id) ?? null]));
  }

  async writeFields(writes: readonly FieldWrite[], options?: WriteFieldsOptions): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    this.writeLog.push([...writes]);
    this.bulkLog.push(options?.bulk === true);
    await this.withPartial(results, () => this.step(`write:${this.writeCalls++}`, writes, (w) => {
      if (this.rejectAccounts.has(w.account_id)) {
        results.push({ key: w.account_id, ok: false, error: `INVALID_OPTION: ${w.account_id} rejected by the CRM`, retryable: false });
        return;
      }
      const record = this.records.get(w.record_id);
      if (record === undefined) throw new Error(`fake CRM: no record ${w.record_id}`);
      Object.assign(record, w.values);
      results.push({ key: w.account_id, ok: true });
    }));
    return results;
  }

  async createTasks(tasks: readonly TaskWrite[]): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    await this.step('tasks', tasks, (t) => {
      this.taskCreates++;
      // The unique task-key property: a second create with the same key answers with the first task.
      const existing = this.tasks.get(t.key);
      const id = existing?.id ?? `task-${this.tasks.size + 1}`;
      if (existing === undefined) this.tasks.set(t.key, { ...t, id });
      results.push({ key: t.key, ok: true, crm_id: id });
    });
    return results;
  }

  async publishEvents(events: readonly TriggerEvent[]): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    await this.step('events', events, (e) => {
      this.events.push(e);
      results.push({ key: e.key, ok: true });
    });
    return results;
  }

  /** A quota stop carries what was applied before it, as a real connector's does. */
  private async withPartial(results: WriteResult[], run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (isQuotaStop(error)) error.partial = [...results];
      throw error;
    }
  }

  async close(): Promise<void> {}

  /** What a user would see in the CRM, independent of ids and call order. */
  snapshot(): { records: Record<string, Record<string, CrmValue>>; tasks: Record<string, Omit<TaskWrite, 'key'>>; eventKeys: string[] } {
    const records = Object.fromEntries([...this.records].sort(([a], [b]) => a.localeCompare(b)));
    const tasks = Object.fromEntries([...this.tasks].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => {
      const { id: _id, key: _key, ...rest } = t;
      return [key, rest];
    }));
    return { records, tasks, eventKeys: [...new Set(this.events.map((e) => e.key))].sort() };
  }
}
