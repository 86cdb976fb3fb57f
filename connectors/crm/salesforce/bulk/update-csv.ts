import type { CrmValue, WriteResult } from '../../../../src/sync/ports';
import { csvLine } from './csv';

/** One record to update by Id: `record` holds `Id` and the fields to write. */
export interface BulkWrite {
  /** The key its result is reported under (the warehouse account id). */
  key: string;
  record: Record<string, CrmValue>;
}

/** Bulk API 2.0's way to clear a field: an empty cell leaves the field as it is. */
export const CLEAR_FIELD = '#N/A';

/** The update as CSV: one row per record, in input order, and the key and Id of each row. */
export interface UpdateCsv {
  csv: string;
  rows: { key: string; id: string }[];
}

/** The writes as CSV rows, and the writes that cannot be sent (reported as failed results, never sent). */
export interface PreparedUpdate {
  header: string[];
  /** Each row's line (without its line ending), key and Id. */
  lines: { line: string; key: string; id: string }[];
  refused: WriteResult[];
}

/** A value as its cell (numbers are finite here: the others are refused before). */
function cellOf(value: CrmValue | undefined): string {
  if (value === undefined) return '';
  // An empty string cannot be sent as one (an empty cell means "unchanged"); Salesforce stores it as a cleared field.
  if (value === null || value === '') return CLEAR_FIELD;
  return String(value);
}

/**
 * Lays out updates as Bulk API 2.0 CSV: the columns are `Id` and the union of the fields, sorted, so
 * the same writes always make the same text (and so the same ledger key). A field a record does not
 * carry is an empty cell (left unchanged); null is `#N/A` (cleared). A second write to the same Id is
 * refused: a job holding one record twice fails one of them at random on Salesforce's side.
 */
export function prepareUpdate(writes: readonly BulkWrite[]): PreparedUpdate {
  const refused: WriteResult[] = [];
  const firstKeyOf = new Map<string, string>();
  const accepted: { key: string; id: string; record: Record<string, CrmValue> }[] = [];
  for (const write of writes) {
    const id = write.record.Id;
    if (typeof id !== 'string' || id === '') {
      refused.push({ key: write.key, ok: false, error: 'the record has no Salesforce Id to update by', retryable: false });
      continue;
    }
    const first = firstKeyOf.get(id);
    if (first !== undefined) {
      refused.push({ key: write.key, ok: false, error: `Account ${id} is written by ${first} in the same Bulk job: one write per record and job`, retryable: false });
      continue;
    }
    const notFinite = Object.entries(write.record).find(([, value]) => typeof value === 'number' && !Number.isFinite(value));
    if (notFinite !== undefined) {
      refused.push({ key: write.key, ok: false, error: `${notFinite[0]} is ${String(notFinite[1])}, not a number Salesforce can store`, retryable: false });
      continue;
    }
    firstKeyOf.set(id, write.key);
    accepted.push({ key: write.key, id, record: write.record });
  }
  const fields = [...new Set(accepted.flatMap((write) => Object.keys(write.record)))].filter((field) => field !== 'Id').sort();
  const header = ['Id', ...fields];
  const lines = accepted.map((write) => ({
    key: write.key,
    id: write.id,
    line: csvLine([write.id, ...fields.map((field) => cellOf(write.record[field]))]),
  }));
  return { header, lines, refused };
}

/**
 * The prepared rows as one or more CSV uploads of at most `maxBytes` each (Bulk API 2.0 takes 100 MB
 * of CSV a job), every one with the header and LF line endings.
 */
export function splitUpdate(prepared: PreparedUpdate, maxBytes: number): UpdateCsv[] {
  const headerLine = `${csvLine(prepared.header)}\n`;
  const headerBytes = Buffer.byteLength(headerLine);
  const parts: UpdateCsv[] = [];
  let text = headerLine;
  let bytes = headerBytes;
  let rows: UpdateCsv['rows'] = [];
  for (const { line, key, id } of prepared.lines) {
    const lineBytes = Buffer.byteLength(line) + 1;
    if (rows.length > 0 && bytes + lineBytes > maxBytes) {
      parts.push({ csv: text, rows });
      text = headerLine;
      bytes = headerBytes;
      rows = [];
    }
    text += `${line}\n`;
    bytes += lineBytes;
    rows.push({ key, id });
  }
  if (rows.length > 0) parts.push({ csv: text, rows });
  return parts;
}
