import { SALESFORCE_API_VERSION } from '../../../src/catalog/salesforce-manifest';
import { defineCrm } from '../kit/description';

/**
 * Salesforce described as data, from its REST API limits: what the kit needs to call one org within its
 * limits and to read its failures. The instance URL is per org (no default base URL).
 */
export const SALESFORCE = defineCrm({
  label: 'Salesforce',
  apiVersion: SALESFORCE_API_VERSION,
  // sObject Collections take at most 200 records per call.
  batchSize: 200,
  // Ids per SOQL `WHERE Id IN (...)` chunk: 200 18-character ids keep the query far below its length limit.
  lookupSize: 200,
  requestsInFlight: 4,
  // Salesforce has no short rate window: its limits are concurrent long requests and a rolling 24-hour
  // allocation. This generous window only keeps a runaway loop from spending the day's allocation in minutes.
  rateWindow: { maxRequests: 1_000, windowMs: 10_000 },
  headers: { retryAfter: 'Retry-After' },
  retry: {
    // The org's 24-hour API allocation is spent: no call succeeds until older requests age out.
    stop: [{ status: [403], codes: ['REQUEST_LIMIT_EXCEEDED'] }],
    // An expired or revoked session; a 403 without a JSON error body (ERROR_HTTP_403) is the same to us.
    auth: [{ status: [401] }, { status: [403], codes: ['INVALID_SESSION_ID', 'INVALID_AUTH_HEADER', 'ERROR_HTTP_403'] }],
    backOff: [{ status: ['5xx', 408, 'no-response'] }],
    maxAttempts: 5,
    maxRateLimitRetries: 20,
    baseMs: 500,
    capMs: 30_000,
    // The allocation is rolling: an hour frees the calls made an hour short of a day ago.
    quotaResumeAfterMs: 3_600_000,
  },
});
