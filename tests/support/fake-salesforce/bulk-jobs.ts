import { parseCsv } from '../../../connectors/crm/salesforce/bulk/csv';
import { KEY_PREFIX } from './fields';
import { bulkErrorText } from './bulk-csv';
import { fieldProblem } from './routes/context';
import type { FakeOrg, FieldValue } from './store';
import type { RecordResult } from './respond';

export type FakeJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** One Bulk API 2.0 ingest job as the fake keeps it. */
export interface FakeBulkJob {
  id: string;
  object: string;
  operation: string;
  lineEnding: 'LF' | 'CRLF';
  state: FakeJobState;
  createdDate: string;
  systemModstamp: string;
  /** The uploaded CSV (the last upload), or null before any. */
  csv: string | null;
  /** Uploads accepted for this job (Salesforce fails a job given more than one when it processes it). */
  uploads: number;
  /** Reads of the job's state while it was being processed. */
  polls: number;
  /** Data rows (0-based) a `lock` fault on the upload asked to fail with UNABLE_TO_LOCK_ROW. */
  lockedRows: number[];
  errorMessage: string | null;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  /** Result rows, each headed by the upload's columns (filled when the job is processed). */
  header: string[];
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
}

const NUMERIC = new Set(['double', 'percent', 'currency', 'int', 'long']);
const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
export const CLEAR = '#N/A';

function failedRow(statusCode: string, message: string, fields: string[] = []): RecordResult {
  return { success: false, errors: [{ statusCode, message, fields }] };
}

/**
 * The fake org's Bulk API 2.0 ingest jobs: created, uploaded, closed, processed after a poll or two
 * (InProgress first) and read back as CSV results. Counts uploads so a test can assert that a resumed
 * run did not upload again; `lockIds` fail rows as locked, `stall` keeps jobs InProgress.
 */
export class FakeBulkJobs {
  readonly jobs = new Map<string, FakeBulkJob>();
  /** Uploads accepted, every job together. */
  uploads = 0;
  /** Records with these Ids fail with UNABLE_TO_LOCK_ROW when a job is processed (not written). */
  readonly lockIds = new Set<string>();
  /** Keeps every job InProgress (a long job, or a run cut off while polling). */
  stall = false;
  /** Reads of a job's state answered InProgress before it completes. @defaultValue 1 */
  pollsBeforeComplete = 1;
  private nextId = 1;

  constructor(private readonly org: FakeOrg) {}

  create(object: string, operation: string, lineEnding: 'LF' | 'CRLF'): FakeBulkJob {
    const at = new Date().toISOString();
    const id = `750${String(this.nextId++).padStart(12, '0')}AAA`;
    const job: FakeBulkJob = {
      id, object, operation, lineEnding, state: 'Open', createdDate: at, systemModstamp: at, csv: null, uploads: 0, polls: 0, lockedRows: [],
      errorMessage: null, numberRecordsProcessed: 0, numberRecordsFailed: 0, header: [], successful: [], failed: [], unprocessed: [],
    };
    this.jobs.set(id, job);
    return job;
  }

  upload(job: FakeBulkJob, csv: string, lockedRows: number[]): void {
    job.csv = csv;
    job.uploads += 1;
    job.lockedRows = lockedRows;
    this.uploads += 1;
    this.touch(job);
  }

  setState(job: FakeBulkJob, state: FakeJobState): void {
    job.state = state;
    if (state === 'Aborted') this.leaveUnprocessed(job, null);
    this.touch(job);
  }

  /** A read of the job's state: one read answers InProgress, the next completes it (unless stalled). */
  poll(job: FakeBulkJob): void {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return;
    job.polls += 1;
    if (!this.stall && job.polls > this.pollsBeforeComplete) this.process(job);
    else job.state = 'InProgress';
    this.touch(job);
  }

  private touch(job: FakeBulkJob): void {
    job.systemModstamp = new Date().toISOString();
  }

  /** The job fails whole: nothing written, every uploaded row unprocessed. */
  private leaveUnprocessed(job: FakeBulkJob, errorMessage: string | null): void {
    const parsed = job.csv === null ? { rows: [] } : parseUpload(job.csv);
    const [header = [], ...rows] = 'rows' in parsed ? parsed.rows : [];
    job.header = header;
    job.unprocessed = rows;
    if (errorMessage !== null) {
      job.state = 'Failed';
      job.errorMessage = errorMessage;
    }
  }

  private process(job: FakeBulkJob): void {
    const csv = job.csv ?? '';
    if (job.uploads === 0) return this.leaveUnprocessed(job, 'InvalidBatch : No data uploaded for this job');
    if (job.uploads > 1) {
      return this.leaveUnprocessed(
        job,
        `InvalidBatch : Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
      );
    }
    if (job.lineEnding === 'LF' && csv.includes('\r\n')) {
      return this.leaveUnprocessed(job, 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF');
    }
    const parsed = parseUpload(csv);
    if ('error' in parsed) return this.leaveUnprocessed(job, parsed.error);
    const [header = [], ...rows] = parsed.rows;
    if (header.length === 0) return this.leaveUnprocessed(job, 'ClientInputError : CSV data is empty');
    if (!header.includes('Id')) return this.leaveUnprocessed(job, 'InvalidBatch : Field name not found : Id');
    job.header = header;
    const types = new Map(this.org.fields.describe('Account').map((field) => [field.name, field.type]));
    const seen = new Set<string>();
    rows.forEach((cells, index) => {
      const result = this.updateRow(header, cells, types, seen, job.lockedRows.includes(index));
      if (result.success) job.successful.push([result.id ?? '', 'false', ...cells]);
      else job.failed.push(['', result.errors.map((e) => bulkErrorText(e.statusCode, e.message, e.fields)).join(';'), ...cells]);
    });
    job.numberRecordsProcessed = rows.length;
    job.numberRecordsFailed = job.failed.length;
    job.state = 'JobComplete';
  }

  /** One CSV row as an Account update, checked as sObject Collections check it: empty cell unchanged, `#N/A` cleared. */
  private updateRow(header: string[], cells: string[], types: Map<string, string>, seen: Set<string>, locked: boolean): RecordResult {
    if (cells.length !== header.length) return failedRow('INVALID_FIELD', `Row has ${cells.length} fields, the header ${header.length}`);
    const fields: Record<string, string> = {};
    header.forEach((name, column) => {
      const cell = cells[column] ?? '';
      if (name !== 'Id' && cell !== '') fields[name] = cell;
    });
    const id = cells[header.indexOf('Id')] ?? '';
    if (id === '') return failedRow('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
    if (!ID.test(id) || !id.startsWith(KEY_PREFIX.Account)) return failedRow('MALFORMED_ID', `Account ID: id value of incorrect type: ${id}`, ['Id']);
    if (seen.has(id)) return failedRow('DUPLICATE_VALUE', `Duplicate Id specified: ${id}`, ['Id']);
    seen.add(id);
    if (this.org.deleted.has(id)) return failedRow('ENTITY_IS_DELETED', 'entity is deleted');
    if (this.org.get('Account', id) === undefined) return failedRow('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    const problem = fieldProblem(this.org, 'Account', fields);
    if (problem !== undefined) return problem;
    const values: Record<string, FieldValue> = {};
    for (const [name, cell] of Object.entries(fields)) {
      const value = typedValue(types.get(name), cell);
      if (value === undefined) return failedRow('INVALID_TYPE_ON_FIELD_IN_RECORD', `${name}: value not of required type: ${cell}`, [name]);
      values[name] = value;
    }
    if (locked || this.lockIds.has(id)) return failedRow('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`);
    return { id: this.org.update('Account', id, values).Id, success: true, errors: [] };
  }
}

/** A cell as the field's type stores it (numbers and checkboxes typed, as Collections would send them), or undefined when it is not one. */
function typedValue(type: string | undefined, cell: string): FieldValue | undefined {
  if (cell === CLEAR) return null;
  if (type !== undefined && NUMERIC.has(type)) {
    const n = Number(cell);
    return cell.trim() === '' || !Number.isFinite(n) ? undefined : n;
  }
  if (type === 'boolean') return cell === 'true' || cell === '1' ? true : cell === 'false' || cell === '0' ? false : undefined;
  return cell;
}

/** The upload's rows, or why they cannot be read: the job fails with it, as on Salesforce, never thrown into express. */
function parseUpload(csv: string): { rows: string[][] } | { error: string } {
  try {
    return { rows: parseCsv(csv) };
  } catch (error) {
    return { error: `ClientInputError : CSV data is not valid: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const byOrg = new WeakMap<FakeOrg, FakeBulkJobs>();

/** The Bulk jobs of a fake org (one set per `startFakeSalesforce`): `bulkJobsOf(fake.org)` in a test. */
export function bulkJobsOf(org: FakeOrg): FakeBulkJobs {
  let jobs = byOrg.get(org);
  if (jobs === undefined) {
    jobs = new FakeBulkJobs(org);
    byOrg.set(org, jobs);
  }
  return jobs;
}
