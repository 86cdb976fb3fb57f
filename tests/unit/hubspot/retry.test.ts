import { backoffMs, decideRetry, DEFAULT_RETRY_POLICY } from '../../../connectors/crm/hubspot/retry';

const now = Date.parse('2025-05-10T15:30:00Z');
const opts = { now, random: () => 0.5 };
const fresh = { errors: 0, rateLimits: 0 };

describe('decideRetry', () => {
  it('waits and retries a 429 of the rolling window, honouring Retry-After', () => {
    expect(decideRetry({ status: 429, headers: {}, policyName: 'TEN_SECONDLY_ROLLING' }, { errors: 0, rateLimits: 1 }, opts)).toEqual({
      retry: true,
      waitMs: 375,
      reason: 'window-limit',
    });
    expect(decideRetry({ status: 429, headers: { 'retry-after': '2' }, policyName: 'TEN_SECONDLY_ROLLING' }, { errors: 0, rateLimits: 1 }, opts)).toMatchObject({
      retry: true,
      waitMs: 2000,
    });
  });

  it('retries a 429 of search (no policy name) like the window, and gives up after maxRateLimitRetries', () => {
    expect(decideRetry({ status: 429, headers: {} }, { errors: 0, rateLimits: 1 }, opts).reason).toBe('window-limit');
    const tooMany = { errors: 0, rateLimits: DEFAULT_RETRY_POLICY.maxRateLimitRetries + 1 };
    expect(decideRetry({ status: 429, headers: {} }, tooMany, opts)).toEqual({ retry: false, waitMs: 0, reason: 'attempts-exhausted' });
  });

  it('stops on the DAILY limit and names the portal midnight to resume at', () => {
    expect(decideRetry({ status: 429, headers: {}, policyName: 'DAILY' }, { errors: 0, rateLimits: 1 }, opts)).toEqual({
      retry: false,
      waitMs: 0,
      reason: 'daily-limit',
      resumeAt: '2025-05-11T00:00:00.000Z',
    });
    // US/Eastern (UTC−4 in May): midnight there is 04:00 UTC.
    const eastern = decideRetry({ status: 429, headers: {}, policyName: 'DAILY' }, fresh, { ...opts, utcOffsetMs: -4 * 3_600_000 });
    expect(eastern.resumeAt).toBe('2025-05-11T04:00:00.000Z');
  });

  it('backs off exponentially with jitter on 5xx and network errors, then gives up as retryable', () => {
    expect(decideRetry({ status: 502, headers: {} }, { errors: 1, rateLimits: 0 }, opts)).toEqual({ retry: true, waitMs: 375, reason: 'server-error' });
    expect(decideRetry({ headers: {} }, { errors: 3, rateLimits: 0 }, opts)).toEqual({ retry: true, waitMs: 1500, reason: 'network-error' });
    expect(decideRetry({ status: 503, headers: {} }, { errors: 5, rateLimits: 0 }, opts)).toEqual({ retry: false, waitMs: 0, reason: 'attempts-exhausted' });
    expect(decideRetry({ status: 423, headers: {} }, { errors: 1, rateLimits: 0 }, opts).retry).toBe(true);
  });

  it('does not retry a refused token or a rejected request', () => {
    expect(decideRetry({ status: 401, headers: {} }, fresh, opts).reason).toBe('auth-refused');
    expect(decideRetry({ status: 403, headers: {} }, fresh, opts).reason).toBe('auth-refused');
    expect(decideRetry({ status: 400, headers: {} }, fresh, opts)).toEqual({ retry: false, waitMs: 0, reason: 'rejected' });
    expect(decideRetry({ status: 409, headers: {} }, fresh, opts).reason).toBe('rejected');
  });
});

describe('backoffMs', () => {
  it('doubles per failure within [ceiling/2, ceiling], capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 100, capMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, policy, () => 0)).toBe(200);
  });
});
