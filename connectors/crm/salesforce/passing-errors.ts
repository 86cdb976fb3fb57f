/**
 * Record errors that pass, whichever API reported them (sObject Collections' `statusCode`, Bulk API
 * 2.0's `sf__Error`): a row locked by a concurrent write, a request that ran too long inside
 * Salesforce, a server briefly away. The record is failed as retryable and written again later.
 */
export const PASSING_ERRORS: ReadonlySet<string> = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE']);

/** The code a locked row fails with: written again later in the same run. */
export const LOCKED_ROW = 'UNABLE_TO_LOCK_ROW';
