import type { WriteResult } from '../../../../src/sync/ports';
import { finishJob } from './finish-job';
import { BULK_OBJECT, BULK_OPERATION, type BulkSession, type JobContext } from './job-context';
import { bulkLedgerKey, keyedCsv } from './ledger-key';
import { bulkSettings, type BulkOptions } from './options';
import { resumeJob } from './resume-job';
import { startJob } from './start-job';
import { prepareUpdate, splitUpdate, type BulkWrite, type UpdateCsv } from './update-csv';

async function writeOneJob(session: BulkSession, upload: UpdateCsv, settings: JobContext['settings']): Promise<WriteResult[]> {
  const context: JobContext = { session, settings, upload, key: bulkLedgerKey(BULK_OBJECT, BULK_OPERATION, keyedCsv(upload.csv, settings.volatileFields)) };
  const found = (await settings.ledger?.find(context.key)) ?? null;
  if (found !== null) {
    const resumed = await resumeJob(context, found);
    if (resumed !== 'start-over') return resumed;
  }
  const started = await startJob(context);
  return 'failed' in started ? started.failed : finishJob(context, started.jobId);
}

/**
 * Updates Accounts by Id through Bulk API 2.0 ingest (for large write sets; sObject Collections below
 * the threshold): CSV up, one job per 100 MB, each polled to its end and its rows mapped back to the
 * writes' keys, one result per write. With a ledger the job is resumable: a run restarted with the same
 * writes polls the job it started instead of uploading again. Every call goes through the session's
 * link; a spent quota or refused credentials are thrown, everything else is a per-record result.
 */
export async function writeBulk(session: BulkSession, writes: readonly BulkWrite[], options: BulkOptions = {}): Promise<WriteResult[]> {
  const settings = bulkSettings(options);
  const prepared = prepareUpdate(writes);
  const results: WriteResult[] = [...prepared.refused];
  // One job after the other: Salesforce runs a job's batches in parallel already.
  for (const upload of splitUpdate(prepared, settings.maxUploadBytes)) results.push(...(await writeOneJob(session, upload, settings)));
  return results;
}
