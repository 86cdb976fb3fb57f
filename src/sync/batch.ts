import type { SyncStep } from './plan-stream';
import type { AccountPlan } from './plan-types';
import { isQuotaStop, type CrmConnector, type CrmJobLedger, type WriteResult } from './ports';
import type { BatchOutcome, Rejection, RunCounts } from './state';

type Failure = Extract<WriteResult, { ok: false }>;

/**
 * Results by key. An input the connector gave no answer for is a retryable rejection, never a success;
 * after a quota stop it is simply pending (null): not rejected, sent again by the next run.
 */
function answers(results: readonly WriteResult[], stopped: boolean): (key: string) => WriteResult | null {
  const byKey = new Map(results.map((r) => [r.key, r]));
  return (key) => byKey.get(key) ?? (stopped ? null : { key, ok: false, error: 'the CRM returned no result for this write', retryable: true });
}

export interface UnitOptions {
  batch: number;
  /** The run's counts, updated in place with this unit's results. */
  counts: RunCounts;
  /** Brings `counts.api_calls` up to date before the counts are recorded. */
  onCounts: () => void;
  /** Hands over what the CRM accepted and the counts so far, to be recorded in one state transaction. */
  record: (outcome: BatchOutcome, counts: RunCounts) => Promise<void>;
  progress?: (step: SyncStep) => void;
  /** The unit's field writes go through the connector's bulk job (`WriteLimits.bulk`). @defaultValue false */
  bulk?: boolean;
  /** Where a bulk job's id is kept while it runs. */
  jobs?: CrmJobLedger;
}

/**
 * One write unit: field writes, then tasks, then trigger events; then its outcome (exactly what the CRM
 * accepted) and the run's counts so far go to `record`. A kill before they are recorded loses nothing:
 * the next run plans the same writes again, and the connector's idempotent keys make the replay
 * harmless. A quota stop hands over what landed before it (the error's `partial`), then rethrows.
 */
export async function executeBatch(connector: CrmConnector, batch: readonly AccountPlan[], options: UnitOptions): Promise<void> {
  const step = (name: 'write' | 'tasks' | 'events' | 'record') => options.progress?.({ step: name, batch: options.batch });
  const fieldWrites = batch.filter((a) => Object.keys(a.values).length > 0).map((a) => ({ account_id: a.account_id, record_id: a.record_id, values: a.values }));
  const tasks = batch.flatMap((a) => a.tasks.map((t) => ({ ...t, record_id: a.record_id })));
  const events = batch.flatMap((a) => a.events.map((e) => ({ ...e, record_id: a.record_id })));

  let stop: unknown;
  const send = async <T>(items: readonly T[], write: (items: readonly T[]) => Promise<WriteResult[]>): Promise<WriteResult[]> => {
    if (items.length === 0 || stop !== undefined) return [];
    try {
      return await write(items);
    } catch (error) {
      if (!isQuotaStop(error)) throw error;
      stop = error;
      return error.partial;
    }
  };
  step('write');
  const fieldResults = await send(fieldWrites, (w) => connector.writeFields(w, { bulk: options.bulk === true, jobs: options.jobs }));
  step('tasks');
  const taskResults = await send(tasks, (t) => connector.createTasks(t));
  step('events');
  const eventResults = await send(events, (e) => connector.publishEvents(e));
  const field = answers(fieldResults, stop !== undefined);
  const task = answers(taskResults, stop !== undefined);
  const event = answers(eventResults, stop !== undefined);

  const outcome: BatchOutcome = { fields: [], recordIds: [], keys: [], rejections: [] };
  const { counts } = options;
  const reject = (kind: Rejection['kind'], key: string, accountId: string, failure: Failure) => {
    outcome.rejections.push({ kind, key, account_id: accountId, reason: failure.error });
    counts.rejected++;
  };
  for (const account of batch) {
    let accepted = 0;
    let failed = 0;
    let pending = 0;
    if (Object.keys(account.values).length > 0) {
      const r = field(account.account_id);
      if (r === null) pending++;
      else if (r.ok) {
        outcome.fields.push({ account_id: account.account_id, values: account.values });
        accepted++;
      } else {
        reject('record', account.account_id, account.account_id, r);
        failed++;
      }
    }
    for (const [kind, items, answer] of [['task', account.tasks, task], ['event', account.events, event]] as const) {
      for (const item of items) {
        const r = answer(item.key);
        if (r === null) pending++;
        else if (r.ok) {
          outcome.keys.push({ kind, key: item.key, crm_id: r.crm_id ?? null });
          if (kind === 'task') counts.tasks_created++;
          else counts.events_published++;
          accepted++;
        } else {
          reject(kind, item.key, account.account_id, r);
          failed++;
        }
      }
    }
    // The id is kept once a write to it was accepted: it is then known to be the right record.
    if (accepted > 0) outcome.recordIds.push({ account_id: account.account_id, record_id: account.record_id });
    if (failed === 0 && pending === 0) counts.written++;
  }
  options.onCounts();
  await options.record(outcome, { ...counts });
  if (stop !== undefined) throw stop;
}
