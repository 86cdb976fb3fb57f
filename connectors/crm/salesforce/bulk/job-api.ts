import { z } from 'zod';
import { PulseError } from '../../../../src/errors';
import type { CallResult } from '../../kit/caller';
import type { BulkSession } from './job-context';
import { parseCsvRecords } from './csv';
import { jobInfo, type JobInfo } from './job-info';

/**
 * Bulk API 2.0 ingest calls, each through the session's link (limits, retries on 5xx and dropped
 * connections, call counts, quota stop). A call that still fails comes back as a `JobCallFailure`
 * naming the call (and so the job id); an answer that cannot be read is thrown.
 */
export type JobCall<T> = { ok: true; value: T } | JobCallFailure;

export interface JobCallFailure {
  ok: false;
  /** `<call> failed: <Salesforce's code>: <message>`. */
  error: string;
  retryable: boolean;
  status?: number;
}

const JOBS = '/jobs/ingest';

export type ResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

function failure(name: string, answer: Extract<CallResult<unknown>, { ok: false }>): JobCallFailure {
  const why = answer.code === undefined ? answer.message : `${answer.code}: ${answer.message}`;
  return { ok: false, error: `${name} failed: ${why}`, retryable: answer.retryable, status: answer.status };
}

function unreadable(name: string, what: string, cause?: unknown): PulseError {
  return new PulseError('CRM_REQUEST_FAILED', `Salesforce answered ${name} with ${what}`, {
    place: name,
    cause,
    hint: 'the Bulk API 2.0 answer changed shape; the job is kept in the ledger, so the next run reads it again',
  });
}

function readInfo(name: string, answer: CallResult<unknown>): JobCall<JobInfo> {
  if (!answer.ok) return failure(name, answer);
  const parsed = jobInfo.safeParse(answer.data);
  if (!parsed.success) throw unreadable(name, 'no readable job info', parsed.error);
  return { ok: true, value: parsed.data };
}

/** `POST /jobs/ingest`: a job in state Open, waiting for its data. */
export async function createJob(session: BulkSession, object: string, operation: string): Promise<JobCall<JobInfo>> {
  const name = `POST ${JOBS}`;
  const body = JSON.stringify({ object, operation, contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA' });
  return readInfo(name, await session.link.request<unknown>(name, { method: 'POST', url: JOBS, body, headers: { 'Content-Type': 'application/json' } }));
}

/** `PUT /jobs/ingest/{id}/batches`: the job's CSV, in one upload (answered 201 with no body). */
export async function uploadJobData(session: BulkSession, jobId: string, csv: string): Promise<JobCall<void>> {
  const name = `PUT ${JOBS}/${jobId}/batches`;
  const answer = await session.link.request<unknown>(name, { method: 'PUT', url: `${JOBS}/${jobId}/batches`, body: csv, headers: { 'Content-Type': 'text/csv' } });
  return answer.ok ? { ok: true, value: undefined } : failure(name, answer);
}

/** `PATCH /jobs/ingest/{id}`: UploadComplete starts processing; Aborted gives the job up. */
export async function setJobState(session: BulkSession, jobId: string, state: 'UploadComplete' | 'Aborted'): Promise<JobCall<JobInfo>> {
  const name = `PATCH ${JOBS}/${jobId} (${state})`;
  const answer = await session.link.request<unknown>(name, {
    method: 'PATCH',
    url: `${JOBS}/${jobId}`,
    body: JSON.stringify({ state }),
    headers: { 'Content-Type': 'application/json' },
  });
  return readInfo(name, answer);
}

/** `GET /jobs/ingest/{id}`: the job's state and counts. */
export async function readJob(session: BulkSession, jobId: string): Promise<JobCall<JobInfo>> {
  const name = `GET ${JOBS}/${jobId}`;
  return readInfo(name, await session.link.request<unknown>(name, { method: 'GET', url: `${JOBS}/${jobId}` }));
}

const parsedRows = z.array(z.record(z.string(), z.string()));

/**
 * `GET /jobs/ingest/{id}/<kind>/`: result rows as column → cell. jsforce parses a `text/csv` answer
 * itself (csv-parse, header as column names, any of `, ; | tab ^ \``) and hands back the raw text when
 * its parse fails (a cell with one of those delimiters left unquoted): both are read here, the text by
 * our RFC 4180 parser with commas only.
 */
export async function readJobResults(session: BulkSession, jobId: string, kind: ResultKind): Promise<JobCall<Record<string, string>[]>> {
  const name = `GET ${JOBS}/${jobId}/${kind}/`;
  const answer = await session.link.request<unknown>(name, { method: 'GET', url: `${JOBS}/${jobId}/${kind}/` });
  if (!answer.ok) return failure(name, answer);
  if (typeof answer.data === 'string') {
    try {
      return { ok: true, value: parseCsvRecords(answer.data) };
    } catch (error) {
      throw unreadable(name, 'CSV that cannot be read', error);
    }
  }
  const rows = parsedRows.safeParse(answer.data);
  if (!rows.success) throw unreadable(name, 'no CSV result rows', rows.error);
  return { ok: true, value: rows.data };
}
