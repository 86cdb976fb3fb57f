import { backoffMs, classifyAttempt, decideRetry } from '../../../connectors/crm/kit/retry';
import { HUBSPOT } from '../../../connectors/crm/hubspot/description';
import { nextPortalMidnight } from '../../../connectors/crm/hubspot/quota';
import { ACME } from './acme';

const now = Date.parse('2025-05-10T15:30:00Z');
const hubspot = { description: HUBSPOT, now, random: () => 0.5 };
const acme = { description: ACME, now, random: () => 0.5 };
const fresh = { errors: 0, rateLimits: 0 };

describe('decideRetry with the HubSpot description', () => {
  it('waits and retries a 429 of the rolling window, honouring Retry-After', () => {
    expect(decideRetry({ status: 429, headers: {}, code: 'TEN_SECONDLY_ROLLING' }, { errors: 0, rateLimits: 1 }, hubspot)).toEqual({
      retry: true,
      waitMs: 375,
      reason: 'window-limit',
    });
    expect(decideRetry({ status: 429, headers: { 'retry-after': '2' }, code: 'TEN_SECONDLY_ROLLING' }, { errors: 0, rateLimits: 1 }, hubspot)).toMatchObject({
      retry: true,
      waitMs: 2000,
    });
  });

  it('retries a 429 of search (no policy name) like the window, and gives up after maxRateLimitRetries', () => {
    expect(decideRetry({ status: 429, headers: {} }, { errors: 0, rateLimits: 1 }, hubspot).reason).toBe('window-limit');
    const tooMany = { errors: 0, rateLimits: HUBSPOT.retry.maxRateLimitRetries + 1 };
    expect(decideRetry({ status: 429, headers: {} }, tooMany, hubspot)).toEqual({ retry: false, waitMs: 0, reason: 'attempts-exhausted' });
  });

  it('stops on the DAILY limit; the resume time comes from the CRM hook (the portal midnight), else from the description', () => {
    const daily = { status: 429, headers: {}, code: 'DAILY' };
    // US/Eastern (UTC−4 in May): midnight there is 04:00 UTC.
    const eastern = decideRetry(daily, fresh, { ...hubspot, quotaResumeAt: (at) => nextPortalMidnight(at, -4 * 3_600_000) });
    expect(eastern).toEqual({ retry: false, waitMs: 0, reason: 'quota-stop', resumeAt: '2025-05-11T04:00:00.000Z' });
    expect(decideRetry(daily, fresh, hubspot).resumeAt).toBe('2025-05-10T16:30:00.000Z');
    expect(decideRetry({ ...daily, headers: { 'retry-after': '60' } }, fresh, hubspot).resumeAt).toBe('2025-05-10T15:31:00.000Z');
  });

  it('backs off exponentially with jitter on 5xx, 408, 423 and network errors, then gives up as retryable', () => {
    expect(decideRetry({ status: 502, headers: {} }, { errors: 1, rateLimits: 0 }, hubspot)).toEqual({ retry: true, waitMs: 375, reason: 'server-error' });
    expect(decideRetry({ headers: {} }, { errors: 3, rateLimits: 0 }, hubspot)).toEqual({ retry: true, waitMs: 1500, reason: 'network-error' });
    expect(decideRetry({ status: 503, headers: {} }, { errors: 5, rateLimits: 0 }, hubspot)).toEqual({ retry: false, waitMs: 0, reason: 'attempts-exhausted' });
    expect(decideRetry({ status: 423, headers: {} }, { errors: 1, rateLimits: 0 }, hubspot).retry).toBe(true);
    expect(decideRetry({ status: 408, headers: {} }, { errors: 1, rateLimits: 0 }, hubspot).retry).toBe(true);
  });

  it('does not retry a refused token or a rejected request', () => {
    expect(decideRetry({ status: 401, headers: {} }, fresh, hubspot).reason).toBe('auth-refused');
    expect(decideRetry({ status: 403, headers: {} }, fresh, hubspot).reason).toBe('auth-refused');
    expect(decideRetry({ status: 400, headers: {} }, fresh, hubspot)).toEqual({ retry: false, waitMs: 0, reason: 'rejected' });
    expect(decideRetry({ status: 409, headers: {} }, fresh, hubspot).reason).toBe('rejected');
  });

  it('uses shortened numbers when a test gives them', () => {
    const budget = { ...HUBSPOT.retry, maxAttempts: 2, baseMs: 10, capMs: 40 };
    expect(decideRetry({ status: 500, headers: {} }, { errors: 1, rateLimits: 0 }, { ...hubspot, budget })).toEqual({ retry: true, waitMs: 8, reason: 'server-error' });
    expect(decideRetry({ status: 500, headers: {} }, { errors: 2, rateLimits: 0 }, { ...hubspot, budget }).reason).toBe('attempts-exhausted');
  });
});

describe('decideRetry with a made-up CRM: nothing about HubSpot is built in', () => {
  it('waits on its throttle (a 503 with its header), with its own Retry-After header and retry budget', () => {
    const throttled = { status: 503, headers: { 'x-acme-throttled': 'yes' } };
    expect(decideRetry(throttled, { errors: 0, rateLimits: 1 }, acme)).toEqual({ retry: true, waitMs: 75, reason: 'window-limit' });
    expect(decideRetry({ ...throttled, headers: { ...throttled.headers, 'x-acme-retry-seconds': '3' } }, { errors: 0, rateLimits: 1 }, acme).waitMs).toBe(3000);
    expect(decideRetry({ ...throttled, headers: { ...throttled.headers, 'retry-after': '3' } }, { errors: 0, rateLimits: 1 }, acme).waitMs).toBe(75);
    expect(decideRetry(throttled, { errors: 0, rateLimits: 3 }, acme).reason).toBe('attempts-exhausted');
  });

  it('reads a 503 without the header, and a HubSpot-style 429, by its own rules', () => {
    // Not in any rule of Acme's: rejected, where HubSpot would back off or wait.
    expect(decideRetry({ status: 503, headers: {} }, { errors: 1, rateLimits: 0 }, acme).reason).toBe('rejected');
    expect(decideRetry({ status: 429, headers: {}, code: 'TEN_SECONDLY_ROLLING' }, { errors: 0, rateLimits: 1 }, acme).reason).toBe('rejected');
    expect(decideRetry({ status: 429, headers: {}, code: 'DAILY' }, fresh, acme).reason).toBe('rejected');
    expect(decideRetry({ status: 401, headers: {} }, fresh, acme).reason).toBe('rejected');
  });

  it('stops on its quota code, resuming after its own delay; refuses auth on its own status; backs off by its own numbers', () => {
    expect(decideRetry({ status: 429, headers: {}, code: 'MONTHLY_QUOTA' }, fresh, acme)).toEqual({ retry: false, waitMs: 0, reason: 'quota-stop', resumeAt: '2025-05-11T15:30:00.000Z' });
    expect(decideRetry({ status: 419, headers: {} }, fresh, acme).reason).toBe('auth-refused');
    expect(decideRetry({ status: 504, headers: {} }, { errors: 2, rateLimits: 0 }, acme)).toEqual({ retry: true, waitMs: 150, reason: 'server-error' });
    expect(decideRetry({ status: 504, headers: {} }, { errors: 3, rateLimits: 0 }, acme).reason).toBe('attempts-exhausted');
    expect(decideRetry({ headers: {} }, { errors: 1, rateLimits: 0 }, acme).reason).toBe('network-error');
  });

  it('classifies stop before auth before wait before backOff', () => {
    expect(classifyAttempt({ status: 429, headers: {}, code: 'MONTHLY_QUOTA' }, ACME.retry)).toBe('stop');
    expect(classifyAttempt({ status: 429, headers: {}, code: 'DAILY' }, HUBSPOT.retry)).toBe('stop');
    expect(classifyAttempt({ status: 429, headers: {}, code: 'DAILY' }, { ...HUBSPOT.retry, stop: [] })).toBe('wait');
  });
});

describe('backoffMs', () => {
  it('doubles per failure within [ceiling/2, ceiling], capped', () => {
    const budget = { baseMs: 100, capMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, budget, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, budget, () => 0)).toBe(200);
  });
});
