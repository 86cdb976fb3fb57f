import type { SalesforceSession } from '../session';
import type { BulkSettings } from './options';
import type { UpdateCsv } from './update-csv';

/** What Bulk calls need of the connector's session: its link (limits, retries, counts, session renewal). */
export type BulkSession = Pick<SalesforceSession, 'link'>;

/** What every step of one job shares: the org, the settings, the upload and its ledger key. */
export interface JobContext {
  session: BulkSession;
  settings: BulkSettings;
  upload: UpdateCsv;
  /** The upload's ledger key (`bulkLedgerKey`). */
  key: string;
}

/** The object and operation of every job here: Account field updates by Id. */
export const BULK_OBJECT = 'Account';
export const BULK_OPERATION = 'update';
