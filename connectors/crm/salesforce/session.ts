import type { BulkOptions } from './bulk';
import type { SalesforceLink } from './link';
import type { LockRetry } from './write-records';

/** What every connector step shares for one org: its link (limits, retries, counts) and what it learned. */
export interface SalesforceSession {
  link: SalesforceLink;
  /** Account id → its OwnerId, learned while matching: a task goes to the Account's owner. */
  owners: Map<string, string | null>;
  /** Account id → the warehouse account id it was matched to by Id, to set `Pulse_Account_Id__c` with the first write. */
  matchedById: Map<string, string>;
  /** Batch calls in flight at once. */
  requestsInFlight: number;
  /** Create an Account for an account nothing matches (`crm.salesforce.create_missing_accounts`). */
  createMissingAccounts: boolean;
  /** Records refused with `UNABLE_TO_LOCK_ROW` go again later in the same write, this many rounds. */
  lockRetry: LockRetry;
  /** How a bulk job is polled. @defaultValue writeBulk's */
  bulkPolling: Pick<BulkOptions, 'pollIntervalMs' | 'maxWaitMs'>;
}

/** One record's answer in an sObject Collections response (same order as the request). */
export interface CollectionResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors: { statusCode?: string; message?: string; fields?: string[] }[];
}

/** `STATUS_CODE: message (fields)`: Salesforce's own words, for the run history. */
export function collectionError(result: CollectionResult): string {
  return result.errors.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}${e.fields && e.fields.length > 0 ? ` (${e.fields.join(', ')})` : ''}`).join('; ') || 'failed without an error';
}
