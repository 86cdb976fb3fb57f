/**
 * `pulse worker`: BullMQ processors over the sync queue, the schedule reconciler and the metrics
 * endpoint. A processor only parses `job.data`, hands the run to `runInstallation` (the composition
 * of the sync job for one installation) and maps its failure onto BullMQ's vocabulary.
 */
import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { RunCounts } from '../src/sync/state';
import { resolveAsOf } from '../src/commands/common';
import { decideFailure } from './failure-policy';
import { createWorkerMetrics, serveMetrics } from './metrics';
import { enqueueRun, openSyncQueue, runJobData, SYNC_QUEUE, tickJobData, type RunJobData } from './queue';
import { reconcileSchedules, unschedule, type ScheduledInstallation } from './schedules';

export interface RunOutcome {
  crm: string;
  counts: RunCounts;
  /** CRM answers that said a limit was reached, for metrics. */
  rateLimited: number;
}

/** What the worker needs from the installations and the sync job; composed by the entry point. */
export interface WorkerServices {
  listInstallations(): Promise<ScheduledInstallation[]>;
  /** One sync of one installation; throws the sync job's errors. `signal` asks it to stop between write units. */
  runInstallation(data: RunJobData, signal: AbortSignal): Promise<RunOutcome | null>;
  /** Retrying cannot help: the admin must act (the schedule pauses until `installations resume`). */
  markNeedsAttention(installation: string, reason: string): Promise<void>;
  /** The CRM of an installation, for metrics of a run that failed before it knew. */
  crmOf(installation: string): Promise<string>;
}

export interface WorkerOptions {
  connection: ConnectionOptions;
  /** Installations synced at once by this process. @defaultValue 2 */
  concurrency?: number;
  /** A killed worker's job is handed to another after about this long. @defaultValue 30000 */
  lockDurationMs?: number;
  /** Serve `/metrics` here when set. */
  metricsPort?: number;
  /** How often schedules are reconciled with the installations. @defaultValue 60000 */
  reconcileEveryMs?: number;
  log: (line: string) => void;
}

export interface RunningWorker {
  /** Stops taking jobs, asks running syncs to stop after their current write unit, and waits for them. */
  close(): Promise<void>;
  metricsPort?: number;
}

export async function startWorker(services: WorkerServices, options: WorkerOptions): Promise<RunningWorker> {
  const queue = openSyncQueue(options.connection);
  const metrics = createWorkerMetrics(queue);
  const stopping = new AbortController();

  const processRun = async (job: Job, token: string | undefined): Promise<void> => {
    const data = runJobData.parse(job.data);
    const started = Date.now();
    try {
      const outcome = await services.runInstallation(data, stopping.signal);
      if (outcome === null) {
        options.log(`run ${job.id}: skipped, the installation is not active`);
        return;
      }
      metrics.recordRun(outcome.crm, 'succeeded', (Date.now() - started) / 1000, outcome.counts, outcome.rateLimited);
      options.log(`run ${job.id}: ${outcome.counts.written} written, ${outcome.counts.rejected} rejected`);
    } catch (error) {
      const decision = decideFailure(error, Date.now());
      const message = error instanceof Error ? error.message : String(error);
      metrics.recordRun(await services.crmOf(data.installation), decision.kind === 'retry' ? 'failed' : decision.kind, (Date.now() - started) / 1000, null, 0);
      options.log(`run ${job.id}: ${decision.kind}: ${message}`);
      switch (decision.kind) {
        case 'needs-attention':
          await services.markNeedsAttention(data.installation, decision.reason);
          await unschedule(queue, data.installation);
          throw new UnrecoverableError(decision.reason);
        case 'rate-limit':
          await queue.rateLimit(decision.waitMs);
          throw Worker.RateLimitError();
        case 'delay':
          await job.moveToDelayed(decision.untilMs, token);
          throw new DelayedError(decision.why);
        case 'requeue':
          // Asked to stop: the next worker takes it up at once, from what this one recorded.
          await job.moveToDelayed(Date.now(), token);
          throw new DelayedError('the worker is stopping');
        case 'retry':
          throw error;
      }
    }
  };

  const worker = new Worker(
    SYNC_QUEUE,
    async (job, token) => {
      // A schedule's tick becomes the day's run (as of yesterday, UTC, as `pulse sync` defaults), one per day and installation.
      if (job.name === 'tick') {
        const { installation } = tickJobData.parse(job.data);
        await enqueueRun(queue, { installation, asOf: resolveAsOf(undefined) });
        return;
      }
      await processRun(job, token);
    },
    { connection: options.connection, concurrency: options.concurrency ?? 2, lockDuration: options.lockDurationMs ?? 30_000, stalledInterval: options.lockDurationMs ?? 30_000 },
  );
  worker.on('error', (error) => options.log(`worker error: ${error.message}`));

  const reconcile = async () => {
    try {
      await reconcileSchedules(queue, await services.listInstallations());
    } catch (error) {
      options.log(`schedules not reconciled: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await reconcile();
  const timer = setInterval(() => void reconcile(), options.reconcileEveryMs ?? 60_000);
  const served = options.metricsPort === undefined ? undefined : await serveMetrics(metrics.registry, options.metricsPort);

  return {
    metricsPort: served?.port,
    async close() {
      clearInterval(timer);
      stopping.abort();
      await worker.close();
      await queue.close();
      await new Promise<void>((resolve) => (served === undefined ? resolve() : served.server.close(() => resolve())));
    },
  };
}
