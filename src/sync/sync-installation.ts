/**
 * The sync job, the one use case every entry point runs: read → compute → plan → write → record, for one
 * installation (a tenant's account in one CRM). Its dependencies are passed in, built once by a
 * composition root: `pulse plan` and `pulse sync`, the worker, the web process, the tests and the
 * benchmarks all call this, so none of them can drift from the others.
 */
import type { PulseConfig } from '../config/config';
import { isPulseError, PulseError } from '../errors';
import { computeSignalsStream, type ComputeTimings } from '../pipeline/compute-signals';
import type { Rules } from '../playbooks';
import type { ValidationReport } from '../warehouse/validation';
import type { Warehouse } from '../warehouse/port';
import type { SyncStep } from './plan-stream';
import type { ChunkPlan, PlanCounts } from './plan-types';
import { isQuotaStop, type CrmConnector } from './ports';
import { planSync, writePlan } from './run';
import { EMPTY_READER, installationScope, ZERO_COUNTS, type Installation, type Rejection, type RunCounts, type RunEnd, type StateStore } from './state';

/** Time, as a dependency: run start and finish stamps. */
export interface SyncClock {
  now(): Date;
}

/** Where the job says what it is doing; the CLI prints warnings, the worker logs everything. */
export interface SyncLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface SyncDeps {
  /** `publicUrl` (PULSE_PUBLIC_URL): where console_url points; absent, console_url is empty. */
  config: Pick<PulseConfig, 'thresholds' | 'publicUrl'>;
  warehouse: Warehouse;
  /** Null only for a plan when no state store exists yet: nothing was ever written. */
  store: StateStore | null;
  connector: CrmConnector;
  rules: Rules;
  clock: SyncClock;
  logger: SyncLogger;
}

export interface SyncRequest {
  /** The installation written to; null only for a plan of an installation never synced (or unknowable without credentials). */
  installation: Installation | null;
  /** The day the signals are computed as of (`YYYY-MM-DD`). */
  asOf: string;
  /** The run's clock (ISO-8601), fixed for the whole run so a replay plans the same values. */
  now: string;
  /** Rows dated after this day are rejected as future. @defaultValue the day of `now` */
  today?: string;
  /** `plan`: compute and plan, write nothing anywhere. `sync`: write the plan and record the run. */
  mode: 'plan' | 'sync';
  /**
   * Allow a day before the installation's last synced day: its playbooks' tasks and events are written
   * (cooldowns hold in both directions), field values are left at the newer day's. @defaultValue false
   */
  backfill?: boolean;
  /** Each chunk's plan, as it is made (the dry run prints them). */
  onPlan?: (plan: ChunkPlan) => void;
  /** Called before each step (tests stop a run at a step with it). */
  progress?: (step: SyncStep) => void;
  /** Accounts per warehouse read. @defaultValue the aggregate reader's */
  chunkSize?: number;
  /** Search every first day over the whole history, not only the days after the kept ones (`--full`). */
  full?: boolean;
  /** Where the computation's time went (validation, warehouse, TypeScript), added to as the run goes. */
  timings?: ComputeTimings;
  /**
   * Stops the run between write units: what it wrote is recorded, the run ends `interrupted`, and a
   * PulseError SYNC_INTERRUPTED is thrown; the next run finishes the job.
   */
  signal?: AbortSignal;
}

export type SyncResult =
  | { mode: 'plan'; validation: ValidationReport; plan: PlanCounts }
  | { mode: 'sync'; validation: ValidationReport; runId: number; counts: RunCounts };

export function rejectedRows(report: ValidationReport): Rejection[] {
  return report.rejected.map((row) => ({ kind: 'row', key: `${row.model} [${row.key}]`, account_id: null, reason: row.reason, code: row.code }));
}

/**
 * An earlier day than the last one synced would write older values over newer ones and raise its
 * playbooks again: refused unless asked for as a backfill. A plan is refused alike, so it never
 * promises what the run would refuse.
 */
async function refuseReplay(store: StateStore | null, installation: Installation | null, request: SyncRequest): Promise<void> {
  if (store === null || installation === null || request.backfill === true) return;
  const last = await store.lastSyncedAsOf(installation.id);
  if (last !== null && request.asOf < last) {
    throw new PulseError(
      'SYNC_REFUSED',
      `as of ${request.asOf} is before ${last}, the last day synced to ${installation.crm} ${installation.crmAccountId}: ` +
        'it would write older values over newer ones and raise its playbooks again',
      { place: '--as-of', hint: "to record that day's playbook tasks and events deliberately, pass --backfill (field values keep the newer day's)" },
    );
  }
}

function endOf(error: unknown): RunEnd {
  const message = error instanceof Error ? error.message : String(error);
  if (isQuotaStop(error)) return { status: 'stopped', errorCode: error.code, error: message, resumeAt: error.resumeAt };
  // The same code a killed run is given when the next run finds it: either way, the next run finishes the job.
  if (isPulseError(error) && error.code === 'SYNC_INTERRUPTED') return { status: 'interrupted', errorCode: 'INTERRUPTED', error: message, resumeAt: null };
  return { status: 'failed', errorCode: isPulseError(error) ? error.code : 'UNEXPECTED', error: message, resumeAt: null };
}

export async function syncInstallation(deps: SyncDeps, request: SyncRequest): Promise<SyncResult> {
  const { store, connector, warehouse, config, rules, clock, logger } = deps;
  const { installation, asOf, now } = request;
  const planOptions = {
    asOf, rules, now, backfill: request.backfill, progress: request.progress, signal: request.signal, thresholds: config.thresholds, publicUrl: config.publicUrl,
  };
  // The installation's kept first days and validation reports: a plan reads them (its store keeps nothing), a sync also keeps what it found.
  const scope = installation === null ? null : installationScope(installation.id);
  const kept = store !== null && scope !== null ? { firstDays: store.firstDays(scope), reports: store.validationReports(scope), full: request.full === true } : undefined;
  const compute = () => computeSignalsStream(warehouse, config, { asOf, today: request.today ?? now.slice(0, 10), chunkSize: request.chunkSize, kept, timings: request.timings });
  await refuseReplay(store, installation, request);

  if (request.mode === 'plan') {
    const reader = store !== null && installation !== null ? store.reader(installation.id) : EMPTY_READER;
    const { report, chunks } = await compute();
    const plan = await planSync({ connector, chunks }, reader, planOptions, request.onPlan);
    return { mode: 'plan', validation: report, plan };
  }

  if (store === null || installation === null) throw new PulseError('SYNC_FAILED', 'a sync needs a state store and an installation');
  // Started first, so a run that fails at any later step (the warehouse included) is in the history.
  const recorder = await store.startRun(installation.id, asOf, now, { backfill: request.backfill });
  logger.info(`run ${recorder.runId} started: ${installation.crm} ${installation.crmAccountId} as of ${asOf}${request.backfill ? ' (backfill)' : ''}`);
  const counts: RunCounts = { ...ZERO_COUNTS };
  const callsBefore = connector.apiCalls;
  try {
    const { report, chunks } = await compute();
    counts.rows_rejected = report.rejected.length;
    await recorder.addRejections(rejectedRows(report));
    await writePlan({ connector, chunks }, recorder, planOptions, counts);
    counts.api_calls = connector.apiCalls - callsBefore;
    await recorder.finish(counts, { status: 'succeeded', errorCode: null, error: null, resumeAt: null }, clock.now().toISOString());
    logger.info(`run ${recorder.runId} succeeded`);
    return { mode: 'sync', validation: report, runId: recorder.runId, counts };
  } catch (error) {
    counts.api_calls = connector.apiCalls - callsBefore;
    const end = endOf(error);
    logger.warn(`run ${recorder.runId} ${end.status}: ${end.error ?? ''}`);
    try {
      await recorder.finish(counts, end, clock.now().toISOString());
    } catch (finishError) {
      throw new PulseError('SYNC_FAILED', `${end.error} (recording the ${end.status} run also failed: ${(finishError as Error).message})`, { cause: error });
    }
    throw error;
  }
}
