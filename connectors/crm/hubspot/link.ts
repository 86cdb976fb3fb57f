import { CrmCaller, type CallResult, type RetryEvent } from '../kit/caller';
import { systemClock, type Clock } from '../kit/clock';
import type { RetryBudget } from '../kit/description';
import { createLimiters } from '../kit/lanes';
import type { RateLimiter } from '../kit/limiter';
import { pinHubspotApis, type HubspotApis } from './apis';
import { HUBSPOT, type HubspotRateLimit } from './description';
import { rawExchange, sdkExchange } from './exchange';
import { OAuthTokenKeeper, type HubspotOAuthOptions } from './oauth';
import { nextPortalMidnight } from './quota';
import type { CallOptions, RawResponse } from './raw';

/** `standard`: the rolling window every call shares; `search`: search's own, lower limit. */
export type HubspotLane = 'standard' | 'search';

export interface HubspotLinkOptions {
  /** Private-app token (`HUBSPOT_ACCESS_TOKEN`). Ignored when `oauth` is given. Never logged. */
  accessToken: string;
  /** @defaultValue https://api.hubapi.com (`HUBSPOT_BASE_URL`; tests and local fakes point it elsewhere) */
  baseUrl?: string;
  /** Requests per rolling 10 s for this installation; the `X-HubSpot-RateLimit-*` headers can only lower it. @defaultValue 100 */
  rateLimitPer10s?: HubspotRateLimit;
  /** An installation's OAuth tokens, refreshed before expiry, instead of a private-app token. */
  oauth?: HubspotOAuthOptions;
  /** Replaces some of the description's retry numbers (tests shorten the backoff). @defaultValue HUBSPOT.retry */
  retryPolicy?: Partial<RetryBudget>;
  /**
   * The installation's limiters by lane, to share one budget between processes: `createRedisLimiters(redis,
   * HUBSPOT, `hubspot:${portalId}`, { standardMax: rateLimitPer10s })`, keyed by the portal id the entry point
   * holds from the stored installation (pass it as `installationId` too). `rateLimitPer10s` is not applied to
   * limiters given here. @defaultValue in-memory windows from HUBSPOT
   */
  limiters?: Record<HubspotLane, RateLimiter>;
  /** For tests: time and randomness. @defaultValue the system clock, Math.random */
  clock?: Clock;
  random?: () => number;
  /** Each retry, with its reason, for logs and metrics. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * One HubSpot installation's connection: the SDK client (rebuilt when an OAuth token is refreshed) and
 * the kit's caller with its limiters. Every call of the connector and of setup goes through it.
 */
export interface HubspotLink {
  readonly caller: CrmCaller;
  /** The current client's modules. */
  apis(): HubspotApis;
  /** An SDK call within the limits, retried; `send` must pass `options` to the SDK method (they capture the raw answer). */
  call<T>(name: string, lane: HubspotLane, send: (options: CallOptions) => Promise<{ data: T }>): Promise<CallResult<T>>;
  /** A call the SDK has no typed method for: the answer's text. */
  callRaw(name: string, lane: HubspotLane, fetch: (apis: HubspotApis) => Promise<RawResponse>): Promise<CallResult<string>>;
  /** The portal's UTC offset, once known (account-info): a quota stop resumes at the portal's midnight. */
  utcOffsetMs: number;
}

export function openHubspotLink(options: HubspotLinkOptions): HubspotLink {
  const clock = options.clock ?? systemClock;
  const keeper = options.oauth === undefined ? undefined : new OAuthTokenKeeper(options.oauth, options.baseUrl, clock);
  let token = options.oauth?.tokens.accessToken ?? options.accessToken;
  let apis = pinHubspotApis(token, options.baseUrl);
  const caller = new CrmCaller({
    description: HUBSPOT,
    limiters: options.limiters ?? createLimiters(HUBSPOT, clock, options.rateLimitPer10s),
    clock,
    random: options.random,
    retry: options.retryPolicy,
    quotaResumeAt: (now) => nextPortalMidnight(now, link.utcOffsetMs),
    beforeAttempt: async () => {
      if (keeper === undefined) return;
      const current = await keeper.accessToken();
      // A refreshed token gets a fresh client: the SDK copies the token into each module when it is built.
      if (current !== token) apis = pinHubspotApis((token = current), options.baseUrl);
    },
    onRetry: options.onRetry,
  });
  const link: HubspotLink = {
    caller,
    apis: () => apis,
    call: (name, lane, send) => caller.call(name, lane, () => sdkExchange(name, send)),
    callRaw: (name, lane, fetch) => caller.call(name, lane, () => rawExchange(name, () => fetch(apis))),
    utcOffsetMs: 0,
  };
  return link;
}
