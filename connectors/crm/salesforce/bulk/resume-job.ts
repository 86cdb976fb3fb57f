import type { WriteResult } from '../../../../src/sync/ports';
import { readJob, setJobState } from './job-api';
import type { JobContext } from './job-context';
import { collectResults, finishJob } from './finish-job';
import { failAll } from './results';

/**
 * Picks up a job the ledger holds for this upload (a run stopped before its results came back):
 * a job still processing is polled and a finished one read, never uploaded again. A job left Open
 * (the upload was cut short) is aborted, and a Failed, Aborted or vanished one forgotten: the
 * caller starts a new job ('start-over').
 */
export async function resumeJob(context: JobContext, jobId: string): Promise<WriteResult[] | 'start-over'> {
  const { session, settings, upload, key } = context;
  const read = await readJob(session, jobId);
  if (!read.ok) {
    if (read.status !== 404) return failAll(upload, `Bulk job ${jobId} from an earlier run could not be read (${read.error}): the next run polls it again`, true);
    await settings.ledger?.forget(key);
    return 'start-over';
  }
  switch (read.value.state) {
    case 'Open': {
      // Its data may be partial: never close it. Should the abort fail, the Open job still never runs.
      await setJobState(session, jobId, 'Aborted');
      return 'start-over';
    }
    case 'Failed':
    case 'Aborted':
      await settings.ledger?.forget(key);
      return 'start-over';
    case 'JobComplete':
      return collectResults(context, read.value);
    default:
      return finishJob(context, jobId);
  }
}
