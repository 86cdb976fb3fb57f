/**
 * The plan and write steps of the sync job, over computed chunks: the dry run iterates the plan; the
 * run also writes it, in write units sized by the CRM's description, each followed by a state
 * transaction of what the CRM accepted. `syncInstallation` composes them with read and record.
 */
import type { ComputedAccount } from '../pipeline/compute-signals';
import { executeBatch } from './batch';
import { planChunks, type PlanOptions } from './plan-stream';
import type { ChunkPlan, PlanCounts } from './plan-types';
import type { CrmConnector } from './ports';
import type { BatchOutcome, Rejection, RunCounts, RunRecorder, StateReader } from './state';

export interface SyncInput {
  connector: CrmConnector;
  chunks: AsyncIterable<ComputedAccount[]>;
}

export const ZERO_PLAN_COUNTS: PlanCounts = { accounts: 0, changed: 0, unchanged: 0, unmatched: 0, rejected: 0, fieldChanges: 0, tasks: 0, triggers: 0 };

/**
 * Unmatched accounts are counted apart from changed ones, and their would-be field changes, tasks and
 * triggers are not counted at all: nothing can be written for them, so the plan promises only what the run does.
 */
export function addPlanCounts(counts: PlanCounts, plan: ChunkPlan, read: number): PlanCounts {
  const all = plan.accounts;
  return {
    accounts: counts.accounts + read,
    changed: counts.changed + plan.accounts.length,
    unchanged: counts.unchanged + plan.unchanged,
    unmatched: counts.unmatched + plan.unmatched.length,
    rejected: counts.rejected + plan.rejected.length,
    fieldChanges: counts.fieldChanges + all.reduce((n, a) => n + a.changes.length, 0),
    tasks: counts.tasks + all.reduce((n, a) => n + a.tasks.length, 0),
    triggers: counts.triggers + all.reduce((n, a) => n + a.events.length, 0),
  };
}

/** The dry run: the same planning as a run, each chunk's plan handed to `onChunk`, nothing written. */
export async function planSync(input: SyncInput, reader: StateReader, options: PlanOptions, onChunk: (plan: ChunkPlan) => void = () => undefined): Promise<PlanCounts> {
  let counts = ZERO_PLAN_COUNTS;
  for await (const { plan, read } of planChunks(input.chunks, input.connector, reader, options)) {
    counts = addPlanCounts(counts, plan, read);
    onChunk(plan);
  }
  return counts;
}

function unmatchedRejections(plan: ChunkPlan): Rejection[] {
  return plan.unmatched.map((d) => ({ kind: 'unmatched', key: d.account_id, account_id: d.account_id, reason: 'no CRM record matches this account' }));
}

/**
 * Records each chunk's new firings (the intent log), then writes its accounts in units of
 * `batchSize × requestsInFlight` (the connector runs the unit's batches at once), each unit followed
 * by one state transaction of what the CRM accepted and the counts so far. `counts` is updated in
 * place, so a caller that catches an error still knows what landed.
 */
export async function writePlan(input: SyncInput, recorder: RunRecorder, options: PlanOptions, counts: RunCounts): Promise<void> {
  const { connector } = input;
  const callsBefore = connector.apiCalls - counts.api_calls;
  const unit = Math.max(1, connector.limits.batchSize * connector.limits.requestsInFlight);
  const onCounts = () => (counts.api_calls = connector.apiCalls - callsBefore);
  let batchNo = 0;
  const record = (batch: number) => async (outcome: BatchOutcome, snapshot: RunCounts) => {
    options.progress?.({ step: 'record', batch });
    await recorder.recordBatch(outcome, options.now, snapshot);
  };
  for await (const { plan, read } of planChunks(input.chunks, connector, recorder, options)) {
    counts.accounts_read += read;
    counts.unchanged += plan.unchanged;
    counts.changed += plan.accounts.length;
    counts.unmatched += plan.unmatched.length;
    counts.rejected += plan.rejected.length;
    await recorder.addRejections([...plan.rejected, ...unmatchedRejections(plan)]);
    await recorder.recordFirings(plan.firings);
    for (let i = 0; i < plan.accounts.length; i += unit) {
      const batch = batchNo++;
      await executeBatch(connector, plan.accounts.slice(i, i + unit), { batch, counts, onCounts, record: record(batch), progress: options.progress });
    }
    onCounts();
  }
}
