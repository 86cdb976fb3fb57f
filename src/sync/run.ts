/**
 * The sync engine: one flow for every CRM (read → compute → plan → write → record). The connector,
 * the state and the computed chunks are passed in, so tests hand in a fake CRM and a throwaway store.
 */
import type { CrmConnector } from '../../connectors/crm/types';
import { PulseError } from '../errors';
import type { ComputedAccount } from '../pipeline/compute-signals';
import { executeBatch } from './batch';
import { planChunks, type PlanOptions } from './plan-stream';
import type { ChunkPlan, PlanCounts } from './plan-types';
import { ZERO_COUNTS, type Rejection, type RunCounts, type RunRecorder, type StateReader } from './state';

/** HubSpot's batch limit; Salesforce connectors split further if they need to. @defaultValue 100 */
export const DEFAULT_BATCH_SIZE = 100;

export interface SyncInput {
  connector: CrmConnector;
  chunks: AsyncIterable<ComputedAccount[]>;
  /** Warehouse rows the validation rejected, recorded with the run. */
  rejectedRows?: readonly Rejection[];
}

export interface RunOptions extends PlanOptions {
  batchSize?: number;
  /** The clock for the run's finish time. @defaultValue () => new Date() */
  clock?: () => Date;
}

export const ZERO_PLAN_COUNTS: PlanCounts = { accounts: 0, changed: 0, unchanged: 0, unmatched: 0, rejected: 0, fieldChanges: 0, tasks: 0, triggers: 0 };

export function addPlanCounts(counts: PlanCounts, plan: ChunkPlan, read: number): PlanCounts {
  const all = [...plan.accounts, ...plan.unmatched];
  return {
    accounts: counts.accounts + read,
    changed: counts.changed + all.length,
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
 * A run: plan each chunk, record its new firings (the intent log), then write it in batches, each
 * followed by a state transaction of what the CRM accepted. On any thrown error the run is recorded
 * as failed with the counts so far and the error rethrown.
 */
export async function runSync(input: SyncInput, recorder: RunRecorder, options: RunOptions): Promise<RunCounts> {
  const { connector } = input;
  const clock = options.clock ?? (() => new Date());
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const callsBefore = connector.apiCalls;
  const counts: RunCounts = { ...ZERO_COUNTS, rows_rejected: input.rejectedRows?.length ?? 0 };
  try {
    await recorder.addRejections(input.rejectedRows ?? []);
    let batchNo = 0;
    for await (const { plan, read } of planChunks(input.chunks, connector, recorder, options)) {
      counts.accounts_read += read;
      counts.unchanged += plan.unchanged;
      counts.changed += plan.accounts.length + plan.unmatched.length;
      counts.unmatched += plan.unmatched.length;
      counts.rejected += plan.rejected.length;
      await recorder.addRejections([...plan.rejected, ...unmatchedRejections(plan)]);
      await recorder.recordFirings(plan.firings);
      for (let i = 0; i < plan.accounts.length; i += batchSize) {
        const done = await executeBatch(connector, plan.accounts.slice(i, i + batchSize), recorder, { batch: batchNo++, now: options.now, progress: options.progress });
        counts.written += done.written;
        counts.rejected += done.rejected;
        counts.tasks_created += done.tasks_created;
        counts.events_published += done.events_published;
      }
    }
    counts.api_calls = connector.apiCalls - callsBefore;
    await recorder.finish(counts, 'succeeded', null, clock().toISOString());
    return counts;
  } catch (error) {
    counts.api_calls = connector.apiCalls - callsBefore;
    const message = error instanceof Error ? error.message : String(error);
    try {
      await recorder.finish(counts, 'failed', message, clock().toISOString());
    } catch (finishError) {
      throw new PulseError('SYNC_FAILED', `${message} (recording the failed run also failed: ${(finishError as Error).message})`, { cause: error });
    }
    throw error;
  }
}
