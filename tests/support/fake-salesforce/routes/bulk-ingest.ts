import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { bulkJobsOf, type FakeBulkJob, type FakeBulkJobs } from '../bulk-jobs';
import { quotedCsv } from '../bulk-csv';
import { reply, sfErrors } from '../respond';
import { lockedPositions, type RouteContext } from './context';

const API_VERSION = 62.0;
const JOB_USER = '005000000000001AAA';

const createBody = z.object({
  object: z.string(),
  operation: z.string(),
  contentType: z.literal('CSV').optional(),
  columnDelimiter: z.literal('COMMA').optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
});
const stateBody = z.object({ state: z.string() });

/** Ends the connection instead of answering when a `drop after` fault asked for it (the work is done). */
function dropped(res: Response): boolean {
  if (res.locals.dropAfter !== true) return false;
  res.socket?.destroy();
  return true;
}

function sendCsv(res: Response, rows: string[][]): void {
  if (!dropped(res)) res.status(200).type('text/csv').send(quotedCsv(rows));
}

/** Job info as Bulk API 2.0 answers it (counts once the job was taken up). */
function jobInfo(job: FakeBulkJob, detail: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id, operation: job.operation, object: job.object, createdById: JOB_USER, createdDate: job.createdDate, systemModstamp: job.systemModstamp,
    state: job.state, concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: API_VERSION, lineEnding: job.lineEnding, columnDelimiter: 'COMMA',
  };
  if (job.state === 'Open') info.contentUrl = `services/data/v${API_VERSION.toFixed(1)}/jobs/ingest/${job.id}/batches`;
  if (!detail) return info;
  return {
    ...info, jobType: 'V2Ingest', retries: 0, totalProcessingTime: 0, apiActiveProcessingTime: 0, apexProcessingTime: 0,
    numberRecordsProcessed: job.numberRecordsProcessed, numberRecordsFailed: job.numberRecordsFailed, ...(job.errorMessage === null ? {} : { errorMessage: job.errorMessage }),
  };
}

/** The job named in the path, or a 404 answered. */
function jobOf(jobs: FakeBulkJobs, req: Request, res: Response): FakeBulkJob | undefined {
  const job = jobs.jobs.get(String(req.params.jobId));
  if (job === undefined) reply(res, 404, sfErrors('NOT_FOUND', 'The requested resource does not exist'));
  return job;
}

const TERMINAL = new Set(['JobComplete', 'Failed', 'Aborted']);

/**
 * Bulk API 2.0 ingest (`/jobs/ingest`): create a job, upload its CSV once (`PUT …/batches`, 201), close it
 * (`PATCH {state: UploadComplete}`) or abort it, read its state (processing completes on a later read) and its
 * successful, failed and unprocessed rows as CSV. Registered before the JSON parser: each route parses its own body.
 */
export function bulkIngestRoutes({ org }: RouteContext): Router {
  const jobs = bulkJobsOf(org);
  const router = Router();
  const json = express.json();

  router.post('/jobs/ingest', json, (req: Request, res: Response) => {
    const body = createBody.safeParse(req.body);
    if (!body.success) return reply(res, 400, sfErrors('INVALIDJOB', `Invalid job: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`));
    if (body.data.object !== 'Account') return reply(res, 400, sfErrors('INVALIDJOB', `Entity '${body.data.object}' is not supported by the fake's Bulk API 2.0`));
    if (body.data.operation !== 'update') return reply(res, 400, sfErrors('INVALIDJOB', `Operation '${body.data.operation}' is not supported by the fake's Bulk API 2.0`));
    reply(res, 200, jobInfo(jobs.create(body.data.object, body.data.operation, body.data.lineEnding ?? 'LF'), false));
  });

  router.put('/jobs/ingest/:jobId/batches', express.text({ type: 'text/csv', limit: '150mb' }), (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job === undefined) return;
    if (typeof req.body !== 'string') return reply(res, 400, sfErrors('INVALIDCONTENTTYPE', 'Job data must be sent as text/csv'));
    if (job.state !== 'Open') return reply(res, 400, sfErrors('INVALIDJOBSTATE', `Job ${job.id} is ${job.state}: data can only be uploaded to an Open job`));
    jobs.upload(job, req.body, lockedPositions(res));
    if (!dropped(res)) res.status(201).end();
  });

  router.patch('/jobs/ingest/:jobId', json, (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job === undefined) return;
    const body = stateBody.safeParse(req.body);
    if (!body.success) return reply(res, 400, sfErrors('INVALIDJOB', 'The request body must name the new state'));
    const { state } = body.data;
    if (state === 'UploadComplete' && job.state === 'Open') jobs.setState(job, 'UploadComplete');
    else if (state === 'Aborted' && !TERMINAL.has(job.state)) jobs.setState(job, 'Aborted');
    else return reply(res, 400, sfErrors('INVALIDJOBSTATE', `Job ${job.id} is ${job.state}: it cannot become ${state}`));
    reply(res, 200, jobInfo(job, false));
  });

  router.get('/jobs/ingest/:jobId', (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job === undefined) return;
    jobs.poll(job);
    reply(res, 200, jobInfo(job, true));
  });

  router.delete('/jobs/ingest/:jobId', (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job === undefined) return;
    if (!TERMINAL.has(job.state)) return reply(res, 400, sfErrors('INVALIDJOBSTATE', `Job ${job.id} is ${job.state}: only a finished job can be deleted`));
    jobs.jobs.delete(job.id);
    if (!dropped(res)) res.status(204).end();
  });

  router.get('/jobs/ingest/:jobId/successfulResults', (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job !== undefined) sendCsv(res, [['sf__Id', 'sf__Created', ...job.header], ...job.successful]);
  });
  router.get('/jobs/ingest/:jobId/failedResults', (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job !== undefined) sendCsv(res, [['sf__Id', 'sf__Error', ...job.header], ...job.failed]);
  });
  router.get('/jobs/ingest/:jobId/unprocessedrecords', (req: Request, res: Response) => {
    const job = jobOf(jobs, req, res);
    if (job !== undefined) sendCsv(res, job.header.length === 0 ? [] : [job.header, ...job.unprocessed]);
  });
  return router;
}
