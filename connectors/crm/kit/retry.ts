import type { CrmDescription, RetryBudget, RetryCondition, RetryRules } from './description';
import { retryAfterMs, type Headers } from './headers';

/** What one attempt got back: a status and headers, or no response at all. */
export interface AttemptResult {
  /** HTTP status; undefined when no response arrived (connection dropped or refused, DNS, reset). */
  status?: number;
  /** Response headers, names lower-case. */
  headers: Headers;
  /** The CRM's own error code from the body (HubSpot `policyName`, Salesforce `errorCode`), when it sent one. */
  code?: string;
}

/** Which rule class of the description an answer falls in; `fail` is everything no rule names. */
export type AttemptClass = 'stop' | 'auth' | 'wait' | 'back-off' | 'fail';

export interface RetryState {
  /** Attempts so far that fell in `backOff`. */
  errors: number;
  /** Attempts so far that fell in `wait`. */
  rateLimits: number;
}

export type RetryReason =
  | 'window-limit'
  | 'quota-stop'
  | 'server-error'
  | 'network-error'
  | 'auth-refused'
  | 'rejected'
  | 'attempts-exhausted';

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  reason: RetryReason;
  /** For `quota-stop`: when the run may resume (ISO-8601). */
  resumeAt?: string;
}

export interface DecideOptions {
  description: CrmDescription;
  now: number;
  random: () => number;
  /** The description's numbers, shortened by a test. @defaultValue description.retry */
  budget?: RetryBudget;
  /**
   * A CRM's own rule for when a spent quota comes back, used when the answer has no Retry-After
   * (HubSpot: midnight in the portal's time zone). @defaultValue now + description.retry.quotaResumeAfterMs
   */
  quotaResumeAt?: (now: number) => string;
}

function matches(attempt: AttemptResult, rule: RetryCondition): boolean {
  const { status } = attempt;
  const statusMatches = rule.status.some((wanted) =>
    wanted === 'no-response' ? status === undefined : wanted === '5xx' ? status !== undefined && status >= 500 && status <= 599 : status === wanted,
  );
  if (!statusMatches) return false;
  if (rule.codes !== undefined && (attempt.code === undefined || !rule.codes.includes(attempt.code))) return false;
  if (rule.header !== undefined) {
    const value = attempt.headers[rule.header.name];
    if (value === undefined || (rule.header.value !== undefined && value !== rule.header.value)) return false;
  }
  return true;
}

/** The first rule class, in the order stop → auth → wait → backOff, with a rule the attempt matches. */
export function classifyAttempt(attempt: AttemptResult, rules: RetryRules): AttemptClass {
  if (rules.stop.some((rule) => matches(attempt, rule))) return 'stop';
  if (rules.auth.some((rule) => matches(attempt, rule))) return 'auth';
  if (rules.wait.some((rule) => matches(attempt, rule))) return 'wait';
  if (rules.backOff.some((rule) => matches(attempt, rule))) return 'back-off';
  return 'fail';
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many callers spread out but never come at once. */
export function backoffMs(failures: number, budget: Pick<RetryBudget, 'baseMs' | 'capMs'>, random: () => number): number {
  const ceiling = Math.min(budget.capMs, budget.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Decides what to do after one failed attempt, from the CRM's description alone. Pure: the same answer,
 * counts and clock always give the same decision (`random` and `now` are parameters), so every branch
 * is tested on fabricated responses. `state` counts the failures including this one.
 */
export function decideRetry(attempt: AttemptResult, state: RetryState, options: DecideOptions): RetryDecision {
  const { description, now } = options;
  const budget = options.budget ?? description.retry;
  const after = retryAfterMs(attempt.headers, description.headers);
  switch (classifyAttempt(attempt, description.retry)) {
    case 'stop': {
      const resumeAt =
        after !== undefined
          ? new Date(now + after).toISOString()
          : (options.quotaResumeAt?.(now) ?? new Date(now + description.retry.quotaResumeAfterMs).toISOString());
      return { retry: false, waitMs: 0, reason: 'quota-stop', resumeAt };
    }
    case 'auth':
      return { retry: false, waitMs: 0, reason: 'auth-refused' };
    case 'wait':
      if (state.rateLimits > budget.maxRateLimitRetries) return { retry: false, waitMs: 0, reason: 'attempts-exhausted' };
      // The limiter, told the window is full, does the real waiting; this pause only keeps a burst of 429s from spinning.
      return { retry: true, waitMs: after ?? backoffMs(1, budget, options.random), reason: 'window-limit' };
    case 'back-off':
      if (state.errors >= budget.maxAttempts) return { retry: false, waitMs: 0, reason: 'attempts-exhausted' };
      return { retry: true, waitMs: after ?? backoffMs(state.errors, budget, options.random), reason: attempt.status === undefined ? 'network-error' : 'server-error' };
    case 'fail':
      return { retry: false, waitMs: 0, reason: 'rejected' };
  }
}
