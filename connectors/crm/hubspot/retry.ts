import { HUBSPOT } from './provider';

/** What one attempt got back: a status and headers, or no response at all. */
export interface AttemptResult {
  /** HTTP status; undefined when no response arrived (connection dropped or refused, DNS, reset). */
  status?: number;
  /** Response headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  /** `policyName` of HubSpot's 429 body, when it sent one. */
  policyName?: string;
}

export interface RetryPolicy {
  /** Attempts for 5xx and network errors, the first included. @defaultValue 5 */
  maxAttempts: number;
  /** Retries after a rolling-window 429; these do not use up `maxAttempts`. @defaultValue 20 */
  maxRateLimitRetries: number;
  /** First backoff for 5xx and network errors. @defaultValue 500 */
  baseMs: number;
  /** Longest backoff. @defaultValue 30000 */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, maxRateLimitRetries: 20, baseMs: 500, capMs: 30_000 };

export interface RetryState {
  /** Attempts so far that failed with a 5xx or a network error. */
  errors: number;
  /** Rolling-window 429s so far. */
  rateLimits: number;
}

export type RetryReason =
  | 'window-limit'
  | 'daily-limit'
  | 'server-error'
  | 'network-error'
  | 'auth-refused'
  | 'rejected'
  | 'attempts-exhausted';

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  reason: RetryReason;
  /** For `daily-limit`: when the run may resume (ISO-8601). */
  resumeAt?: string;
}

/** Statuses that say "try again later" without a 5xx: request timeout, and HubSpot's record lock during concurrent writes. */
const TRANSIENT_4XX = new Set([408, 423]);

function retryAfterMs(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headers[HUBSPOT.headers.retryAfter];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * HubSpot resets the daily limit at midnight in the portal's time zone (its UTC offset comes from the
 * account-info call; 0 when unknown). A resume before the real reset only meets the same 429 and stops again.
 */
function nextPortalMidnight(now: number, utcOffsetMs: number): string {
  const local = new Date(now + utcOffsetMs);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  return new Date(midnight - utcOffsetMs).toISOString();
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many callers spread out but never come at once. */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Decides what to do after one attempt. Pure: the same result, headers and counts always give the
 * same answer (`random` and `now` are parameters), so every branch is tested on fabricated responses.
 * `state` counts the failures including this one.
 */
export function decideRetry(
  result: AttemptResult,
  state: RetryState,
  options: { policy?: RetryPolicy; now: number; random: () => number; utcOffsetMs?: number },
): RetryDecision {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const { status, headers } = result;
  if (status === 429) {
    if (result.policyName === HUBSPOT.policies.daily) {
      const wait = retryAfterMs(headers);
      const resumeAt = wait === undefined ? nextPortalMidnight(options.now, options.utcOffsetMs ?? 0) : new Date(options.now + wait).toISOString();
      return { retry: false, waitMs: 0, reason: 'daily-limit', resumeAt };
    }
    // TEN_SECONDLY_ROLLING, search's secondly limit, or a 429 without a body: all are windows that pass.
    if (state.rateLimits > policy.maxRateLimitRetries) return { retry: false, waitMs: 0, reason: 'attempts-exhausted' };
    // The limiter, told the window is full, does the real waiting; this pause only keeps a burst of 429s from spinning.
    return { retry: true, waitMs: retryAfterMs(headers) ?? backoffMs(1, policy, options.random), reason: 'window-limit' };
  }
  if (status === 401 || status === 403) return { retry: false, waitMs: 0, reason: 'auth-refused' };
  const transient = status === undefined || status >= 500 || TRANSIENT_4XX.has(status);
  if (!transient) return { retry: false, waitMs: 0, reason: 'rejected' };
  const reason: RetryReason = status === undefined ? 'network-error' : 'server-error';
  if (state.errors >= policy.maxAttempts) return { retry: false, waitMs: 0, reason: 'attempts-exhausted' };
  return { retry: true, waitMs: retryAfterMs(headers) ?? backoffMs(state.errors, policy, options.random), reason };
}
