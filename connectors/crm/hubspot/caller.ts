import { PulseError } from '../../../src/errors';
import { toHubspotError } from './client';
import type { Clock } from './clock';
import { HubspotDailyLimitError } from './errors';
import type { SlidingWindowLimiter } from './limiter';
import { captureRaw, isNetworkError, parseErrorBody, windowReport, type CallOptions, type HubspotErrorBody, type RawResponse } from './raw';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryReason } from './retry';

/** Search has its own limit and sends no rate-limit headers; everything else shares the rolling window. */
export type Lane = 'standard' | 'search';

export type CallResult<T> =
  | { ok: true; data: T; status: number }
  | { ok: false; status?: number; message: string; retryable: boolean; body?: HubspotErrorBody };

export interface CallerOptions {
  limiters: Record<Lane, SlidingWindowLimiter>;
  clock: Clock;
  random?: () => number;
  policy?: RetryPolicy;
  /** Portal UTC offset, so a daily stop names the portal's midnight. */
  utcOffsetMs?: () => number;
  /** Called before each attempt; may refresh an OAuth token. */
  beforeAttempt?: () => Promise<void>;
  onRetry?: (event: { call: string; reason: RetryReason; waitMs: number }) => void;
}

/**
 * Runs one SDK call within the installation's limits: waits for a slot, counts the call, reads the
 * rate-limit headers, and retries by the pure `decideRetry`. A refused token or a spent daily limit
 * stops the run (thrown); a rejected request or exhausted retries come back as a failed result, for
 * the caller to map onto its records.
 */
export class HubspotCaller {
  /** HTTP requests sent, retries included. */
  calls = 0;
  /** 429 answers received. */
  rateLimited = 0;
  readonly retries = new Map<RetryReason, number>();
  private stopped: PulseError | undefined;

  constructor(private readonly options: CallerOptions) {}

  /** An SDK call; `options` must be passed to the SDK method (they capture the raw answer). */
  call<T>(name: string, lane: Lane, send: (options: CallOptions) => Promise<{ data: T }>): Promise<CallResult<T>> {
    return this.run(name, lane, async (capture) => (await send(captureRaw(capture))).data);
  }

  /** A call the SDK has no typed method for (`client.apiRequest`): the answer's text, for the caller to parse. */
  callRaw(name: string, lane: Lane, fetch: () => Promise<RawResponse>): Promise<CallResult<string>> {
    return this.run(name, lane, async (capture) => {
      const raw = await fetch();
      capture(raw);
      if (raw.status >= 300) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot ${name} answered HTTP ${raw.status}`, { place: name });
      return raw.text;
    });
  }

  private async run<T>(name: string, lane: Lane, send: (capture: (raw: RawResponse) => void) => Promise<T>): Promise<CallResult<T>> {
    const { limiters, clock } = this.options;
    const state = { errors: 0, rateLimits: 0 };
    for (;;) {
      if (this.stopped !== undefined) throw this.stopped;
      await this.options.beforeAttempt?.();
      const release = await limiters[lane].acquire();
      this.calls += 1;
      let raw: RawResponse | undefined;
      let failure: unknown;
      let data: T | undefined;
      let sent = false;
      try {
        data = await send((captured) => (raw = captured));
        sent = true;
      } catch (error) {
        failure = error;
      } finally {
        release();
      }
      const answer = raw as RawResponse | undefined;
      if (answer !== undefined) limiters[lane].observe(windowReport(answer.headers));
      if (sent && answer !== undefined) return { ok: true, data: data as T, status: answer.status };
      // An answer the SDK could not read, or an error before any request: not HubSpot's doing, not retried.
      if (answer === undefined ? !isNetworkError(failure) : answer.status < 300) throw toHubspotError(failure, name);

      const body = answer === undefined ? undefined : parseErrorBody(answer.text);
      const status = answer?.status;
      if (status === 429) {
        this.rateLimited += 1;
        state.rateLimits += 1;
        if (windowReport(answer?.headers ?? {}).remaining === undefined) limiters[lane].saturate();
      } else if (status === undefined || status >= 500 || status === 408 || status === 423) state.errors += 1;
      const decision = decideRetry({ status, headers: answer?.headers ?? {}, policyName: body?.policyName }, state, {
        policy: this.options.policy ?? DEFAULT_RETRY_POLICY,
        now: clock.now(),
        random: this.options.random ?? Math.random,
        utcOffsetMs: this.options.utcOffsetMs?.(),
      });
      if (decision.retry) {
        this.retries.set(decision.reason, (this.retries.get(decision.reason) ?? 0) + 1);
        this.options.onRetry?.({ call: name, reason: decision.reason, waitMs: decision.waitMs });
        await clock.sleep(decision.waitMs);
        continue;
      }
      if (decision.reason === 'daily-limit') {
        this.stopped = new HubspotDailyLimitError(decision.resumeAt ?? '', name);
        throw this.stopped;
      }
      if (decision.reason === 'auth-refused') {
        throw new PulseError('CRM_AUTH_FAILED', `HubSpot refused ${name} (HTTP ${status}): check the access token and the app's scopes`, { place: name });
      }
      const message = body?.message ?? (status === undefined ? 'no response from HubSpot' : `HTTP ${status}`);
      return { ok: false, status, message, retryable: decision.reason === 'attempts-exhausted', body };
    }
  }
}
