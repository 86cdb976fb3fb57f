import { defineCrm } from '../kit/description';

/**
 * HubSpot described as data, from its API usage guidelines: what the kit needs to call it within its
 * limits and to read its failures. Parsed at module load, so a bad edit fails the first import.
 */
export const HUBSPOT = defineCrm({
  label: 'HubSpot',
  baseUrl: 'https://api.hubapi.com',
  // Batch endpoints take at most 100 inputs per call, reads and writes alike.
  batchSize: 100,
  lookupSize: 100,
  requestsInFlight: 4,
  // The rolling burst window of every private app / OAuth install: 100 per 10 s on the lowest tier
  // (HUBSPOT_RATE_TIERS); the X-HubSpot-RateLimit-* headers can lower it, never raise it.
  rateWindow: { maxRequests: 100, windowMs: 10_000 },
  // Search has its own, much lower limit, and answers without the rate-limit headers.
  lanes: { search: { maxRequests: 4, windowMs: 1_000 } },
  headers: {
    retryAfter: 'Retry-After',
    limitMax: 'X-HubSpot-RateLimit-Max',
    limitRemaining: 'X-HubSpot-RateLimit-Remaining',
    limitIntervalMs: 'X-HubSpot-RateLimit-Interval-Milliseconds',
  },
  retry: {
    // The daily limit: nothing succeeds until the portal's midnight (see quota.ts).
    stop: [{ status: [429], codes: ['DAILY'] }],
    auth: [{ status: [401, 403] }],
    // TEN_SECONDLY_ROLLING, search's SECONDLY, or a 429 without a body: windows that pass.
    wait: [{ status: [429] }],
    // 408: request timeout; 423: a record locked by a concurrent write.
    backOff: [{ status: ['5xx', 408, 423, 'no-response'] }],
    maxAttempts: 5,
    maxRateLimitRetries: 20,
    baseMs: 500,
    capMs: 30_000,
  },
});

/** Requests per 10 s by tier: 100 (free/starter), 110 (marketplace apps), 190 (pro/enterprise private apps). */
export const HUBSPOT_RATE_TIERS = [100, 110, 190] as const;
export type HubspotRateLimit = (typeof HUBSPOT_RATE_TIERS)[number];

/** HubSpot's shapes the connector's exceptions use: not limits, so not part of the kit's description. */
export const HUBSPOT_API = {
  /** Search filters take at most 100 values in one IN filter. */
  searchInMax: 100,
  /** A search page holds at most 200 results. */
  searchPageMax: 200,
  /** HubSpot-defined association type: task to company. */
  taskToCompanyAssociation: 192,
  properties: {
    accountId: 'pulse_account_id',
    taskKey: 'pulse_task_key',
    owner: 'hubspot_owner_id',
    domain: 'domain',
    name: 'name',
  },
} as const;
