import type { WriteResult } from '../../../../src/sync/ports';
import { readJobResults, type ResultKind } from './job-api';
import type { JobContext } from './job-context';
import type { JobInfo } from './job-info';
import { pollJob } from './poll';
import { failAll, mapJobResults, type JobResults } from './results';

const RESULT_KINDS: Record<keyof JobResults, ResultKind> = {
  successful: 'successfulResults',
  failed: 'failedResults',
  unprocessed: 'unprocessedrecords',
};

/** What a later run does about a job left behind: with a ledger it polls the same job, without one it writes again. */
function nextRun(context: JobContext): string {
  return context.settings.ledger === undefined ? 'the next run writes these records again' : 'the next run polls the same job';
}

/**
 * Reads a finished job's successful, failed and unprocessed rows and maps them back to the upload's
 * keys; only then is the job dropped from the ledger. Results that cannot be read leave it there.
 */
export async function collectResults(context: JobContext, job: JobInfo): Promise<WriteResult[]> {
  const results: JobResults = { successful: [], failed: [], unprocessed: [] };
  for (const [part, kind] of Object.entries(RESULT_KINDS) as [keyof JobResults, ResultKind][]) {
    const read = await readJobResults(context.session, job.id, kind);
    if (!read.ok) return failAll(context.upload, `Bulk job ${job.id} ended ${job.state}, but its results were not read (${read.error}): ${nextRun(context)}`, true);
    results[part] = read.value;
  }
  const mapped = mapJobResults(context.upload, job, results);
  await context.settings.ledger?.forget(context.key);
  return mapped;
}

/**
 * Polls a started job until it ends, then collects its results. Past the max wait, or when its state
 * cannot be read, every record is a retryable failure and the job stays in the ledger; a job Salesforce
 * no longer knows (404) is dropped from it.
 */
export async function finishJob(context: JobContext, jobId: string): Promise<WriteResult[]> {
  const polled = await pollJob(context.session, jobId, context.settings);
  if (polled.kind === 'finished') return collectResults(context, polled.job);
  if (polled.kind === 'waiting') {
    const waited = `${context.settings.maxWaitMs} ms`;
    return failAll(context.upload, `Bulk job ${jobId} is still ${polled.job.state} after ${waited} (GET /jobs/ingest/${jobId}): ${nextRun(context)}`, true);
  }
  if (polled.failure.status === 404) {
    await context.settings.ledger?.forget(context.key);
    return failAll(context.upload, `Bulk job ${jobId} is gone (${polled.failure.error}): the next run starts a new job`, true);
  }
  return failAll(context.upload, `Bulk job ${jobId} could not be polled (${polled.failure.error}): ${nextRun(context)}`, true);
}
