/**
 * HubSpot described as data: everything the connector needs to know about HubSpot's limits and
 * shapes that is not code. Values come from HubSpot's API usage guidelines.
 */
export const HUBSPOT = {
  /** Batch endpoints take at most 100 inputs per call. */
  batchSize: 100,
  /** The rolling burst window every private app / OAuth app install is limited by. */
  windowMs: 10_000,
  /** Requests per window by tier: 100 (free/starter), 110 (marketplace apps), 190 (pro/enterprise private apps). */
  rateLimitsPer10s: [100, 110, 190] as const,
  defaultRateLimitPer10s: 100,
  /** Search has its own, much lower limit, and answers without the rate-limit headers. */
  searchPerSecond: 4,
  /** Search filters take at most 100 values in one IN filter. */
  searchInMax: 100,
  /** A search page holds at most 200 results. */
  searchPageMax: 200,
  /** HubSpot-defined association type: task to company. */
  taskToCompanyAssociation: 192,
  headers: {
    max: 'x-hubspot-ratelimit-max',
    remaining: 'x-hubspot-ratelimit-remaining',
    intervalMs: 'x-hubspot-ratelimit-interval-milliseconds',
    daily: 'x-hubspot-ratelimit-daily',
    dailyRemaining: 'x-hubspot-ratelimit-daily-remaining',
    retryAfter: 'retry-after',
  },
  policies: { window: 'TEN_SECONDLY_ROLLING', daily: 'DAILY' },
  properties: {
    accountId: 'pulse_account_id',
    taskKey: 'pulse_task_key',
    owner: 'hubspot_owner_id',
    domain: 'domain',
    name: 'name',
  },
} as const;

export type HubspotRateLimit = (typeof HUBSPOT.rateLimitsPer10s)[number];
