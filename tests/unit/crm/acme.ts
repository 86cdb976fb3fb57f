import { defineCrm } from '../../../connectors/crm/kit/description';

/**
 * A made-up CRM whose every rule differs from HubSpot's: throttling is a 503 with a header, the quota is
 * a 429 with a code, auth is a 419, and its own retry numbers. Used to show the kit reads the
 * description, not HubSpot's names.
 */
export const ACME = defineCrm({
  label: 'Acme CRM',
  batchSize: 25,
  lookupSize: 50,
  requestsInFlight: 2,
  rateWindow: { maxRequests: 30, windowMs: 60_000 },
  headers: { retryAfter: 'X-Acme-Retry-Seconds', limitMax: 'X-Acme-Quota', limitRemaining: 'X-Acme-Quota-Left' },
  retry: {
    stop: [{ status: [429], codes: ['MONTHLY_QUOTA'] }],
    auth: [{ status: [419] }],
    wait: [{ status: [503], header: { name: 'X-Acme-Throttled', value: 'yes' } }],
    backOff: [{ status: [502, 504, 'no-response'] }],
    maxAttempts: 3,
    maxRateLimitRetries: 2,
    baseMs: 100,
    capMs: 1_000,
    quotaResumeAfterMs: 86_400_000,
  },
});
