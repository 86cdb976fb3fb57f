import { createHash } from 'node:crypto';
import { csvLine, parseCsv } from './csv';

/**
 * The job ledger's key for one upload: sha256 (hex) of the object, the operation and the CSV, each
 * followed by a line feed. The same writes give the same CSV (columns sorted, rows in input order), so a
 * restarted run finds the job it started; any other writes give another key and a job of their own.
 */
export function bulkLedgerKey(object: string, operation: string, csv: string): string {
  return createHash('sha256').update(`${object}\n${operation}\n`).update(csv).digest('hex');
}

/**
 * The CSV a ledger key is taken from: the upload without the columns whose value changes on every run
 * though the work is the same (the sync stamp, `Pulse_Last_Synced_At__c`), so a run restarted minutes
 * later finds the job the killed run started. The job then stamps the first run's time, which is when
 * the values were sent.
 */
export function keyedCsv(csv: string, volatile: readonly string[]): string {
  if (volatile.length === 0) return csv;
  const rows = parseCsv(csv);
  const header = rows[0] ?? [];
  const kept = header.map((column, index) => (volatile.includes(column) ? -1 : index)).filter((index) => index >= 0);
  return rows.map((row) => csvLine(kept.map((index) => row[index] ?? ''))).join('\n');
}
