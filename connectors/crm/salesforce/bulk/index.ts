/** Bulk API 2.0 ingest: Account updates by Id, resumable through a job ledger. */
export { writeBulk } from './write-bulk';
export type { BulkOptions } from './options';
export type { BulkWrite } from './update-csv';
export { bulkLedgerKey } from './ledger-key';
export type { BulkSession } from './job-context';
