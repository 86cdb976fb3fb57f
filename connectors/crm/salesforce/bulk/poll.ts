import type { BulkSession } from './job-context';
import { readJob, type JobCallFailure } from './job-api';
import { TERMINAL_STATES, type JobInfo } from './job-info';
import type { BulkSettings } from './options';

export type PollOutcome =
  | { kind: 'finished'; job: JobInfo }
  /** Still running when the wait ran out: the job is left to the next run. */
  | { kind: 'waiting'; job: JobInfo }
  /** Its state could not be read (retries spent, or the job is gone). */
  | { kind: 'unreadable'; failure: JobCallFailure };

/**
 * Reads a job's state until it is JobComplete, Failed or Aborted, or `maxWaitMs` has passed: the wait
 * between reads starts at `pollIntervalMs` and grows by `pollBackoff` up to `maxPollIntervalMs`.
 */
export async function pollJob(session: BulkSession, jobId: string, settings: BulkSettings): Promise<PollOutcome> {
  const { clock } = settings;
  const deadline = clock.now() + settings.maxWaitMs;
  let interval = settings.pollIntervalMs;
  for (;;) {
    const read = await readJob(session, jobId);
    if (!read.ok) return { kind: 'unreadable', failure: read };
    if (TERMINAL_STATES.has(read.value.state)) return { kind: 'finished', job: read.value };
    const left = deadline - clock.now();
    if (left <= 0) return { kind: 'waiting', job: read.value };
    await clock.sleep(Math.min(interval, left));
    interval = Math.min(interval * settings.pollBackoff, settings.maxPollIntervalMs);
  }
}
