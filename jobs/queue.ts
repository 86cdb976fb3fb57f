/**
 * The sync queue: its name, what a job carries, and the ids that make a double enqueue one run. Every
 * process (worker, CLI `enqueue`, the web process) talks to it through these functions only.
 */
import { Queue, type ConnectionOptions } from 'bullmq';
import { z } from 'zod';
import { PulseError } from '../src/errors';

export const SYNC_QUEUE = 'pulse-sync';

/** `run`: one sync of one installation; `tick`: its schedule fired, a run is enqueued for the day. */
export type SyncJobName = 'run' | 'tick';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const runJobData = z.strictObject({ installation: z.string().min(1), asOf: day });
export const tickJobData = z.strictObject({ installation: z.string().min(1) });
export type RunJobData = z.infer<typeof runJobData>;

/** One run per installation and day: a second enqueue of the same pair is the same job. */
export function runJobId(installation: string, asOf: string): string {
  // BullMQ keeps ':' for its own keys; installation names are slugs and days are digits and dashes.
  return `run.${installation}.${asOf}`;
}

/** A run's retries: passing failures back off exponentially with jitter; the failure policy handles the rest. */
export const RUN_ATTEMPTS = 6;
const RUN_BACKOFF = { type: 'exponential', delay: 30_000, jitter: 0.5 } as const;

export function openSyncQueue(connection: ConnectionOptions): Queue {
  return new Queue(SYNC_QUEUE, { connection });
}

/**
 * Enqueues a run now. A run of the same installation and day still waiting or active is that run
 * (BullMQ ignores an add whose id exists); a finished one is removed on completion, so a later
 * enqueue of the same day runs again (it retries what was rejected).
 */
export async function enqueueRun(queue: Queue, data: RunJobData): Promise<{ id: string; added: boolean }> {
  const parsed = runJobData.safeParse(data);
  if (!parsed.success) throw new PulseError('INPUT_INVALID', `a run job needs an installation and a day: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const id = runJobId(data.installation, data.asOf);
  const existing = await queue.getJob(id);
  const job = await queue.add('run', parsed.data, {
    jobId: id,
    attempts: RUN_ATTEMPTS,
    backoff: RUN_BACKOFF,
    removeOnComplete: true,
    // A failed run stays a day for `pulse installations list` and the admin, then goes.
    removeOnFail: { age: 86_400 },
  });
  return { id: job.id ?? id, added: existing === undefined };
}
