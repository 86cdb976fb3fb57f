import { PulseError } from '../../../src/errors';
import { QuotaStopError } from '../../../src/sync/ports';
import { systemClock, type Clock } from './clock';
import type { CrmDescription, RetryBudget } from './description';
import { windowReport, type Headers } from './headers';
import { createLimiters } from './lanes';
import type { RateLimiter } from './limiter';
import { classifyAttempt, decideRetry, type RetryReason } from './retry';

/**
 * One attempt as the CRM's own code captured it (the part of a call that differs per SDK): a success,
 * an error answer, or no answer at all. Header names lower-case. Anything else (an answer the SDK could
 * not read, an error before any request) the capture throws as a PulseError; it is not retried.
 */
export type Exchange<T> =
  | { kind: 'ok'; status: number; headers: Headers; data: T }
  | { kind: 'refused'; status: number; headers: Headers; code?: string; message?: string }
  | { kind: 'no-response'; cause: unknown };

/** A call's outcome after its retries; a failure is for the caller to map onto its records. */
export type CallResult<T> =
  | { ok: true; data: T; status: number }
  | { ok: false; status?: number; code?: string; message: string; retryable: boolean };

export interface RetryEvent {
  call: string;
  reason: RetryReason;
  waitMs: number;
}

export interface CallerOptions {
  description: CrmDescription;
  /** One limiter per lane of the description. @defaultValue in-memory sliding windows from the description */
  limiters?: Record<string, RateLimiter>;
  /** @defaultValue the system clock */
  clock?: Clock;
  /** @defaultValue Math.random */
  random?: () => number;
  /** Replaces some of the description's retry numbers (tests shorten the backoff). @defaultValue the description's */
  retry?: Partial<RetryBudget>;
  /** When a spent quota comes back if the answer does not say (a CRM exception). @defaultValue now + quotaResumeAfterMs */
  quotaResumeAt?: (now: number) => string;
  /**
   * A CRM's own reading of any answer's headers: true when the installation has used as much of its
   * period's quota as it may (Salesforce's `Sforce-Limit-Info` past the configured share). The answer
   * that says so is still returned (its work is done); every later call stops the run.
   */
  quotaSpent?: (headers: Headers) => boolean;
  /** Runs before each attempt; may refresh an OAuth token. */
  beforeAttempt?: () => Promise<void>;
  /** Each retry, with its reason, for logs and metrics. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Runs calls to one CRM installation within its limits: waits for a slot in the call's lane, counts the
 * call, follows the limit headers, and retries by the pure `decideRetry`. A refused credential
 * (CRM_AUTH_FAILED) or a spent quota (`QuotaStopError`) is thrown, and after a quota stop every later
 * call throws at once without a request; a rejected request or exhausted retries come back as a failed
 * result.
 */
export class CrmCaller {
  /** HTTP requests sent, retries included. */
  calls = 0;
  /** Answers that said a limit was reached (a window or the quota). */
  rateLimited = 0;
  /** Retries by reason. */
  readonly retries = new Map<RetryReason, number>();
  readonly description: CrmDescription;
  private readonly limiters: Record<string, RateLimiter>;
  private readonly clock: Clock;
  private stopped: { resumeAt: string; place: string; why?: string } | undefined;

  constructor(private readonly options: CallerOptions) {
    this.description = options.description;
    this.clock = options.clock ?? systemClock;
    this.limiters = options.limiters ?? createLimiters(options.description, this.clock);
  }

  async call<T>(name: string, lane: string, send: () => Promise<Exchange<T>>): Promise<CallResult<T>> {
    const { description } = this;
    const limiter = this.limiters[lane];
    if (limiter === undefined) throw new PulseError('CRM_REQUEST_FAILED', `${description.label} has no rate lane "${lane}" (call ${name})`, { place: name });
    const budget = { ...description.retry, ...this.options.retry };
    const state = { errors: 0, rateLimits: 0 };
    for (;;) {
      if (this.stopped !== undefined) throw new QuotaStopError(description.label, this.stopped.resumeAt, this.stopped.place, this.stopped.why);
      await this.options.beforeAttempt?.();
      const release = await limiter.acquire();
      this.calls += 1;
      let exchange: Exchange<T>;
      try {
        exchange = await send();
      } finally {
        release();
      }
      if (exchange.kind !== 'no-response') {
        limiter.observe(windowReport(exchange.headers, description.headers));
        if (this.stopped === undefined && this.options.quotaSpent?.(exchange.headers) === true) this.stopAfter(name);
      }
      if (exchange.kind === 'ok') return { ok: true, data: exchange.data, status: exchange.status };

      const attempt = exchange.kind === 'refused' ? { status: exchange.status, headers: exchange.headers, code: exchange.code } : { headers: {} };
      const kind = classifyAttempt(attempt, description.retry);
      if (kind === 'wait' || kind === 'stop') this.rateLimited += 1;
      if (kind === 'wait') {
        state.rateLimits += 1;
        // Told "full" without numbers to follow: treat the window as full from now.
        if (windowReport(attempt.headers, description.headers).remaining === undefined) limiter.saturate();
      }
      if (kind === 'back-off') state.errors += 1;
      const decision = decideRetry(attempt, state, {
        description,
        budget,
        now: this.clock.now(),
        random: this.options.random ?? Math.random,
        quotaResumeAt: this.options.quotaResumeAt,
      });
      if (decision.retry) {
        this.retries.set(decision.reason, (this.retries.get(decision.reason) ?? 0) + 1);
        this.options.onRetry?.({ call: name, reason: decision.reason, waitMs: decision.waitMs });
        await this.clock.sleep(decision.waitMs);
        continue;
      }
      const status = exchange.kind === 'refused' ? exchange.status : undefined;
      const code = exchange.kind === 'refused' ? exchange.code : undefined;
      if (decision.reason === 'quota-stop') {
        this.stopped = { resumeAt: decision.resumeAt ?? new Date(this.clock.now()).toISOString(), place: name };
        throw new QuotaStopError(description.label, this.stopped.resumeAt, name);
      }
      if (decision.reason === 'auth-refused') {
        const detail = code === undefined ? `HTTP ${status ?? 'no answer'}` : `HTTP ${status ?? 'no answer'}, ${code}`;
        throw new PulseError('CRM_AUTH_FAILED', `${description.label} refused ${name} (${detail}): check the access token and its permissions`, { place: name });
      }
      const message = (exchange.kind === 'refused' ? exchange.message : undefined) ?? (status === undefined ? `no response from ${description.label}` : `HTTP ${status}`);
      return { ok: false, status, code, message, retryable: decision.reason === 'attempts-exhausted' };
    }
  }

  /** Stops every later call: the installation's share of the quota is used (see `quotaSpent`). */
  private stopAfter(place: string): void {
    const now = this.clock.now();
    const resumeAt = this.options.quotaResumeAt?.(now) ?? new Date(now + this.description.retry.quotaResumeAfterMs).toISOString();
    this.stopped = { resumeAt, place, why: `${this.description.label}'s API use passed the share of its quota this installation may take` };
  }
}
