import { createDryRunConnector } from '../../../connectors/crm/dry-run';
import { executeBatch } from '../../../src/sync/batch';
import type { AccountPlan } from '../../../src/sync/plan-types';
import { QuotaStopError, type CrmConnector as Crm } from '../../../src/sync/ports';
import { ZERO_COUNTS, type BatchOutcome, type RunCounts } from '../../../src/sync/state';

const hints = (id: string) => ({ account_id: id, name: null, domain: null, record_id: null });
const plan = (id: string, taskKey?: string): AccountPlan => ({
  account_id: id, hints: hints(id), record_id: `co-${id}`,
  changes: [{ field: 'pulse_trend', old: undefined, new: 'growing' }], values: { pulse_trend: 'growing', pulse_last_synced_at: 'T' },
  tasks: taskKey ? [{ key: taskKey, account_id: id, subject: 's', body: 'b', priority: 'high', due_date: '2024-02-21', owner: null }] : [],
  events: [],
});

/** What a unit hands over to be recorded. */
function recorder(): { outcomes: BatchOutcome[]; progress: RunCounts[]; record: (o: BatchOutcome, c: RunCounts) => Promise<void> } {
  const outcomes: BatchOutcome[] = [];
  const progress: RunCounts[] = [];
  return {
    outcomes,
    progress,
    record: async (o, counts) => {
      outcomes.push(o);
      progress.push(counts);
    },
  };
}

describe('one batch', () => {
  it('records exactly what the CRM accepted; an error stays with its record; a missing answer is a rejection', async () => {
    const base = createDryRunConnector();
    const crm: Crm = {
      ...base,
      apiCalls: 0,
      // 'b' is refused with the CRM's own words; 'c' gets no answer at all.
      writeFields: async () => [{ key: 'a', ok: true }, { key: 'b', ok: false, error: 'PROPERTY_DOESNT_EXIST: pulse_trend', retryable: false }],
      createTasks: async (tasks) => tasks.map((t) => ({ key: t.key, ok: true, crm_id: `task-${t.key}` })),
    };
    const rec = recorder();
    const counts = { ...ZERO_COUNTS };
    await executeBatch(crm, [plan('a'), plan('b', 'b:x:1'), plan('c')], { batch: 0, counts, onCounts: () => undefined, record: rec.record });
    expect(counts).toMatchObject({ written: 1, rejected: 2, tasks_created: 1, events_published: 0 });
    // The counts so far travel in the same transaction as the outcome.
    expect(rec.progress).toEqual([counts]);
    const [outcome] = rec.outcomes;
    expect(outcome?.fields.map((f) => f.account_id)).toEqual(['a']);
    expect(outcome?.keys).toEqual([{ kind: 'task', key: 'b:x:1', crm_id: 'task-b:x:1' }]);
    // b's id is proven by its accepted task; c's by nothing.
    expect(outcome?.recordIds.map((r) => r.account_id)).toEqual(['a', 'b']);
    expect(outcome?.rejections).toEqual([
      { kind: 'record', key: 'b', account_id: 'b', reason: 'PROPERTY_DOESNT_EXIST: pulse_trend' },
      { kind: 'record', key: 'c', account_id: 'c', reason: 'the CRM returned no result for this write' },
    ]);
  });
});

describe('a quota stop', () => {
  it('records what landed before it, leaves the rest pending (not rejected), and stops the run', async () => {
    const base = createDryRunConnector();
    const stop = new QuotaStopError('HubSpot', '2024-02-22T00:00:00.000Z', 'batch update companies');
    stop.partial = [{ key: 'a', ok: true, crm_id: 'co-a' }, { key: 'b', ok: false, error: 'INVALID_OPTION: bad', retryable: false }];
    let taskCalls = 0;
    const crm: Crm = {
      ...base,
      writeFields: async () => {
        throw stop;
      },
      createTasks: async () => {
        taskCalls++;
        return [];
      },
    };
    const rec = recorder();
    const counts = { ...ZERO_COUNTS };
    await expect(executeBatch(crm, [plan('a'), plan('b'), plan('c', 'c:x:1')], { batch: 0, counts, onCounts: () => undefined, record: rec.record })).rejects.toBe(stop);
    // Nothing more is sent once the quota is spent.
    expect(taskCalls).toBe(0);
    const [outcome] = rec.outcomes;
    expect(outcome?.fields.map((f) => f.account_id)).toEqual(['a']);
    expect(outcome?.rejections).toEqual([{ kind: 'record', key: 'b', account_id: 'b', reason: 'INVALID_OPTION: bad' }]);
    expect(counts).toMatchObject({ written: 1, rejected: 1, tasks_created: 0 });
  });
});
