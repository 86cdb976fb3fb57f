import type { WriteResult } from '../../../../src/sync/ports';
import { createJob, readJob, setJobState, uploadJobData } from './job-api';
import { BULK_OBJECT, BULK_OPERATION, type JobContext } from './job-context';
import { failAll } from './results';

/**
 * Gives up a job whose data did not go up whole: aborted, then dropped from the ledger. When even the
 * abort fails, the ledger keeps it: the next run finds it Open and aborts it before starting over.
 */
export async function abandonJob(context: JobContext, jobId: string, error: string, retryable: boolean): Promise<WriteResult[]> {
  const aborted = await setJobState(context.session, jobId, 'Aborted');
  if (aborted.ok) await context.settings.ledger?.forget(context.key);
  return failAll(context.upload, error, retryable);
}

/**
 * Creates a job, keeps its id in the ledger before anything is uploaded (a crash from here on leaves a
 * job the next run can find), uploads the CSV and marks the upload complete. Returns the job id, or the
 * upload's records failed when the job could not be started.
 */
export async function startJob(context: JobContext): Promise<{ jobId: string } | { failed: WriteResult[] }> {
  const { session, settings, upload, key } = context;
  const created = await createJob(session, BULK_OBJECT, BULK_OPERATION);
  if (!created.ok) return { failed: failAll(upload, `no Bulk API 2.0 job was created: ${created.error}`, created.retryable) };
  const jobId = created.value.id;
  // Should the store fail here, the error stops the run; the job stays Open, and an Open job is never processed.
  await settings.ledger?.remember(key, jobId);

  const uploaded = await uploadJobData(session, jobId, upload.csv);
  if (!uploaded.ok) return { failed: await abandonJob(context, jobId, `Bulk job ${jobId}: ${uploaded.error}`, uploaded.retryable) };

  const closed = await setJobState(session, jobId, 'UploadComplete');
  if (!closed.ok) {
    // The close may have landed with its answer lost (and its retry then refused): a job past Open runs.
    const read = await readJob(session, jobId);
    if (!read.ok || read.value.state === 'Open' || read.value.state === 'Aborted' || read.value.state === 'Failed') {
      return { failed: await abandonJob(context, jobId, `Bulk job ${jobId}: ${closed.error}`, closed.retryable) };
    }
  }
  return { jobId };
}
