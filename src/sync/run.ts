/**
 * The plan and write steps of the sync job, over computed chunks: the dry run iterates the plan; the
 * run also writes it, in write units sized by the CRM's description, each followed by a state
 * transaction of what the CRM accepted. `syncInstallation` composes them with read and record.
 */
import type { ComputedAccount } from '../pipeline/compute-signals';
import { PulseError } from '../errors';
import { executeBatch } from './batch';
import { planChunks, type PlanOptions } from './plan-stream';
import type { AccountPlan, ChunkPlan, PlanCounts } from './plan-types';
import type { CrmConnector, WriteLimits } from './ports';
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
 * A run asked to stop (the worker's SIGTERM) stops between write units: every unit written so far is
 * recorded, nothing is half done, and the next run picks up the rest.
 */
function stopIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new PulseError('SYNC_INTERRUPTED', 'the run was asked to stop; what it wrote is recorded and the next run finishes the job');
}

/**
 * How a run cuts its accounts into write units. Without a bulk job a chunk's accounts are written as
 * soon as they are planned, `unitSize` (else `batchSize × requestsInFlight`) at a time. With one, accounts are held until
 * the run is known to reach the bulk threshold (then bulk units of `maxRecords` go out as they fill) or
 * the plan ends below it (then ordinary units): a run's size is only known as its plan streams.
 */
class WriteUnits {
  private held: AccountPlan[] = [];
  private heldFieldWrites = 0;
  private bulk = false;

  constructor(private readonly limits: WriteLimits) {}

  private get unit(): number {
    return Math.max(1, this.limits.unitSize ?? this.limits.batchSize * this.limits.requestsInFlight);
  }

  /** Adds a chunk's planned accounts; returns the units ready to write. */
  add(accounts: readonly AccountPlan[]): { accounts: AccountPlan[]; bulk: boolean }[] {
    const { bulk } = this.limits;
    if (bulk === undefined) return this.cut([...accounts], this.unit, false);
    this.held.push(...accounts);
    this.heldFieldWrites += accounts.filter((a) => Object.keys(a.values).length > 0).length;
    if (!this.bulk && this.heldFieldWrites >= bulk.threshold) this.bulk = true;
    if (!this.bulk || this.held.length < bulk.maxRecords) return [];
    const full = this.held.length - (this.held.length % bulk.maxRecords);
    const ready = this.held.splice(0, full);
    return this.cut(ready, bulk.maxRecords, true);
  }

  /** What is still held when the plan ends. */
  drain(): { accounts: AccountPlan[]; bulk: boolean }[] {
    const rest = this.held;
    this.held = [];
    return this.bulk && this.limits.bulk !== undefined ? this.cut(rest, this.limits.bulk.maxRecords, true) : this.cut(rest, this.unit, false);
  }

  private cut(accounts: AccountPlan[], size: number, bulk: boolean): { accounts: AccountPlan[]; bulk: boolean }[] {
    const units: { accounts: AccountPlan[]; bulk: boolean }[] = [];
    for (let i = 0; i < accounts.length; i += size) units.push({ accounts: accounts.slice(i, i + size), bulk });
    return units;
  }
}

/**
 * Records each chunk's history snapshots and new firings (the intent log), then writes its accounts in write units (see
 * `WriteUnits`; the connector runs a unit's batches at once), each unit followed by one state
 * transaction of what the CRM accepted and the counts so far. `counts` is updated in place, so a
 * caller that catches an error still knows what landed.
 */
export async function writePlan(input: SyncInput, recorder: RunRecorder, options: PlanOptions, counts: RunCounts): Promise<void> {
  const { connector } = input;
  const callsBefore = connector.apiCalls - counts.api_calls;
  const units = new WriteUnits(connector.limits);
  const onCounts = () => (counts.api_calls = connector.apiCalls - callsBefore);
  let batchNo = 0;
  const write = async (ready: { accounts: AccountPlan[]; bulk: boolean }[]) => {
    for (const unit of ready) {
      stopIfAsked(options.signal);
      const batch = batchNo++;
      const record = async (outcome: BatchOutcome, snapshot: RunCounts) => {
        options.progress?.({ step: 'record', batch });
        await recorder.recordBatch(outcome, options.now, snapshot);
      };
      await executeBatch(connector, unit.accounts, { batch, counts, onCounts, record, progress: options.progress, bulk: unit.bulk, jobs: recorder.jobs });
    }
  };
  for await (const { plan, read, snapshots } of planChunks(input.chunks, connector, recorder, options)) {
    stopIfAsked(options.signal);
    // Every computed account, written to the CRM or not: the console and next week's 7-day change read them.
    await recorder.recordHistory(snapshots);
    counts.accounts_read += read;
    counts.unchanged += plan.unchanged;
    counts.changed += plan.accounts.length;
    counts.unmatched += plan.unmatched.length;
    counts.rejected += plan.rejected.length;
    await recorder.addRejections([...plan.rejected, ...unmatchedRejections(plan)]);
    await recorder.recordFirings(plan.firings);
    await write(units.add(plan.accounts));
    onCounts();
  }
  await write(units.drain());
  onCounts();
}
