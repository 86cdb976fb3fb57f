import type { WriteResult } from '../../../../src/sync/ports';
import { PASSING_ERRORS } from '../passing-errors';
import type { JobInfo } from './job-info';
import type { UpdateCsv } from './update-csv';


/** `CODE:message:fields --` (or `CODE:message:--` without fields), as Bulk API 2.0 writes `sf__Error`. */
const BULK_ERROR = /^([A-Z][A-Z0-9_]*):([\s\S]*?)(?::([^:]*?) ?--)?$/;

/** One failed row's `sf__Error` as `CODE: message (fields)`, the way Collections errors are reported, and its code. */
export function readBulkError(text: string): { code: string | undefined; error: string } {
  const match = BULK_ERROR.exec(text.trim());
  if (match === null) return { code: undefined, error: text.trim() || 'failed without an error' };
  const [, code = '', message = '', fields = ''] = match;
  return { code, error: `${code}: ${message.trim()}${fields.trim() === '' ? '' : ` (${fields.trim()})`}` };
}

/** A result row's record Id: `sf__Id`, else the `Id` column echoed from the upload (a failed update may leave `sf__Id` empty). */
function rowId(row: Record<string, string>): string | undefined {
  return row.sf__Id || row.Id || undefined;
}

export interface JobResults {
  successful: Record<string, string>[];
  failed: Record<string, string>[];
  unprocessed: Record<string, string>[];
}

/**
 * Maps a finished job's result rows back to the keys of its upload: every key gets exactly one
 * result, in upload order. A record with no row anywhere is a retryable failure, never a success:
 * only Salesforce's own word says a record landed.
 */
export function mapJobResults(upload: UpdateCsv, job: JobInfo, results: JobResults): WriteResult[] {
  const keyOf = new Map(upload.rows.map((row) => [row.id, row.key]));
  const settled = new Map<string, WriteResult>();
  const settle = (row: Record<string, string>, result: (key: string, id: string) => WriteResult) => {
    const id = rowId(row);
    const key = id === undefined ? undefined : keyOf.get(id);
    if (id !== undefined && key !== undefined && !settled.has(key)) settled.set(key, result(key, id));
  };
  for (const row of results.successful) settle(row, (key, id) => ({ key, ok: true, crm_id: row.sf__Id || id }));
  for (const row of results.failed) {
    settle(row, (key) => {
      const { code, error } = readBulkError(row.sf__Error ?? '');
      const failure: WriteResult = { key, ok: false, error, retryable: code !== undefined && PASSING_ERRORS.has(code) };
      return code === undefined ? failure : { ...failure, code };
    });
  }
  const why = job.errorMessage ? `: ${job.errorMessage}` : '';
  for (const row of results.unprocessed) {
    settle(row, (key) => ({ key, ok: false, error: `not processed: Bulk job ${job.id} ended ${job.state}${why}`, retryable: true }));
  }
  return upload.rows.map(
    ({ key }) => settled.get(key) ?? { key, ok: false, error: `no result for this record in Bulk job ${job.id} (state ${job.state})`, retryable: true },
  );
}

/** Every key of an upload failed the same way (the job could not be created, finished or read). */
export function failAll(upload: UpdateCsv, error: string, retryable: boolean): WriteResult[] {
  return upload.rows.map(({ key }) => ({ key, ok: false, error, retryable }));
}
