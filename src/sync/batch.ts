import type { CrmConnector, WriteResult } from '../../connectors/crm/types';
import type { SyncStep } from './plan-stream';
import type { AccountPlan } from './plan-types';
import type { BatchOutcome, Rejection, RunRecorder } from './state';

export interface BatchCounts {
  written: number;
  rejected: number;
  tasks_created: number;
  events_published: number;
}

type Failure = Extract<WriteResult, { ok: false }>;

/** Results by key; an input the connector gave no answer for is a retryable rejection, never a success. */
function answers(results: readonly WriteResult[]): (key: string) => WriteResult {
  const byKey = new Map(results.map((r) => [r.key, r]));
  return (key) => byKey.get(key) ?? { key, ok: false, error: 'the CRM returned no result for this write', retryable: true };
}

/**
 * One batch: field writes, then tasks, then trigger events, then one state transaction holding
 * exactly what the CRM accepted. A kill before that transaction loses nothing: the next run plans
 * the same writes again, and the connector's idempotent keys make the replay harmless.
 */
export async function executeBatch(
  connector: CrmConnector,
  batch: readonly AccountPlan[],
  recorder: RunRecorder,
  options: { batch: number; now: string; progress?: (step: SyncStep) => void },
): Promise<BatchCounts> {
  const step = (name: 'write' | 'tasks' | 'events' | 'record') => options.progress?.({ step: name, batch: options.batch });
  const fieldWrites = batch.filter((a) => Object.keys(a.values).length > 0).map((a) => ({ account_id: a.account_id, record_id: a.record_id, values: a.values }));
  const tasks = batch.flatMap((a) => a.tasks.map((t) => ({ ...t, record_id: a.record_id })));
  const events = batch.flatMap((a) => a.events.map((e) => ({ ...e, record_id: a.record_id })));

  step('write');
  const field = answers(fieldWrites.length > 0 ? await connector.writeFields(fieldWrites) : []);
  step('tasks');
  const task = answers(tasks.length > 0 ? await connector.createTasks(tasks) : []);
  step('events');
  const event = answers(events.length > 0 ? await connector.publishEvents(events) : []);

  const outcome: BatchOutcome = { fields: [], recordIds: [], keys: [], rejections: [] };
  const counts: BatchCounts = { written: 0, rejected: 0, tasks_created: 0, events_published: 0 };
  const reject = (kind: Rejection['kind'], key: string, accountId: string, failure: Failure) => {
    outcome.rejections.push({ kind, key, account_id: accountId, reason: failure.error });
    counts.rejected++;
  };
  for (const account of batch) {
    let accepted = 0;
    let failed = 0;
    if (Object.keys(account.values).length > 0) {
      const r = field(account.account_id);
      if (r.ok) {
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
        if (r.ok) {
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
    if (failed === 0) counts.written++;
  }
  step('record');
  await recorder.recordBatch(outcome, options.now);
  return counts;
}
