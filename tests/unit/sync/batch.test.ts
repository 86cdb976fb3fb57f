import { createDryRunConnector } from '../../../connectors/crm/dry-run';
import type { CrmConnector } from '../../../connectors/crm/types';
import { executeBatch } from '../../../src/sync/batch';
import type { AccountPlan } from '../../../src/sync/plan-types';
import { EMPTY_READER, type BatchOutcome, type RunRecorder } from '../../../src/sync/state';

const hints = (id: string) => ({ account_id: id, name: null, domain: null, hubspot_company_id: null, salesforce_account_id: null });
const plan = (id: string, taskKey?: string): AccountPlan => ({
  account_id: id, hints: hints(id), record_id: `co-${id}`,
  changes: [{ field: 'pulse_trend', old: undefined, new: 'growing' }], values: { pulse_trend: 'growing', pulse_last_synced_at: 'T' },
  tasks: taskKey ? [{ key: taskKey, account_id: id, subject: 's', body: 'b', priority: 'high', due_date: '2024-02-21', owner: null }] : [],
  events: [],
});

function recorder(): RunRecorder & { outcomes: BatchOutcome[] } {
  const outcomes: BatchOutcome[] = [];
  return {
    ...EMPTY_READER, runId: 1, outcomes,
    recordFirings: async () => undefined,
    recordBatch: async (o) => void outcomes.push(o),
    addRejections: async () => undefined,
    finish: async () => undefined,
  };
}

describe('one batch', () => {
  it('records exactly what the CRM accepted; an error stays with its record; a missing answer is a rejection', async () => {
    const base = createDryRunConnector();
    const crm: CrmConnector = {
      ...base,
      apiCalls: 0,
      // 'b' is refused with the CRM's own words; 'c' gets no answer at all.
      writeFields: async () => [{ key: 'a', ok: true }, { key: 'b', ok: false, error: 'PROPERTY_DOESNT_EXIST: pulse_trend', retryable: false }],
      createTasks: async (tasks) => tasks.map((t) => ({ key: t.key, ok: true, crm_id: `task-${t.key}` })),
    };
    const rec = recorder();
    const counts = await executeBatch(crm, [plan('a'), plan('b', 'b:x:1'), plan('c')], rec, { batch: 0, now: 'T' });
    expect(counts).toEqual({ written: 1, rejected: 2, tasks_created: 1, events_published: 0 });
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
