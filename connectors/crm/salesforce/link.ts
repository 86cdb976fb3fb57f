import type { Connection, HttpRequest } from 'jsforce';
import { CrmCaller, type CallResult, type RetryEvent } from '../kit/caller';
import type { Clock } from '../kit/clock';
import type { RetryBudget } from '../kit/description';
import { STANDARD_LANE } from '../kit/lanes';
import type { RateLimiter } from '../kit/limiter';
import { apiShareSpent } from './api-usage';
import { SalesforceTokenKeeper } from './auth';
import { createSalesforceConnection, type SalesforceConnectionOptions } from './client';
import { SALESFORCE } from './description';
import { jsforceExchange } from './exchange';
import { callRenewingSession } from './session-renewal';
import { sessionGrantOf, type SalesforceJwtOptions, type SalesforceRefreshOptions } from './token-grants';

export interface SalesforceLinkOptions extends SalesforceConnectionOptions {
  /** Renews an expired session with the refresh token grant. */
  refresh?: SalesforceRefreshOptions;
  /** Obtains and renews sessions with the JWT bearer grant (then `accessToken` may be left out). */
  jwt?: SalesforceJwtOptions;
  /** Awaited with each new access token, before calls use it, so the entry point can store it encrypted. */
  onAccessToken?: (accessToken: string) => void | Promise<void>;
  /** Replaces some of the description's retry numbers (tests shorten the backoff). @defaultValue SALESFORCE.retry */
  retryPolicy?: Partial<RetryBudget>;
  /**
   * The org's limiters by lane, to share one budget between processes (`createRedisLimiters`, keyed by
   * the org id the entry point already holds from the stored installation). @defaultValue in-memory windows from SALESFORCE
   */
  limiters?: Record<string, RateLimiter>;
  /** For tests: time and randomness. @defaultValue the system clock, Math.random */
  clock?: Clock;
  random?: () => number;
  /** Each retry, with its reason, for logs and metrics (token requests' retries included). */
  onRetry?: (event: RetryEvent) => void;
  /**
   * The share of the org's daily API allocation (`Sforce-Limit-Info`) past which calls stop, the run
   * ending resumable (`crm.salesforce.max_daily_api_share`). @defaultValue 0.8
   */
  maxDailyApiShare?: number;
}

/** One org's connection: the jsforce Connection, the kit's caller (limits, retries, counts) and the session. */
export interface SalesforceLink {
  readonly conn: Connection;
  /** Data API calls, replays after a renewed session included; token requests are counted in `tokens.endpoint`. */
  readonly caller: CrmCaller;
  readonly tokens: SalesforceTokenKeeper;
  /**
   * A REST request (a path relative to `/services/data/vXX.X`, or absolute) within the limits, retried by the
   * description's rules and replayed once its expired session is renewed. Relative paths follow the org when a
   * token answer moves it to another instance URL; absolute URLs are sent as given.
   */
  request<T>(name: string, request: HttpRequest): Promise<CallResult<T>>;
}

export function openSalesforceLink(options: SalesforceLinkOptions): SalesforceLink {
  // Checked before anything is built: a missing credential fails here, not at the first call.
  const grant = sessionGrantOf(options);
  const conn = createSalesforceConnection(options);
  const caller = new CrmCaller({
    description: SALESFORCE,
    limiters: options.limiters,
    clock: options.clock,
    random: options.random,
    retry: options.retryPolicy,
    onRetry: options.onRetry,
    quotaSpent: apiShareSpent(options.maxDailyApiShare ?? 0.8),
  });
  const tokens = new SalesforceTokenKeeper(conn, { ...options, grant });
  return {
    conn,
    caller,
    tokens,
    request: <T>(name: string, request: HttpRequest) =>
      callRenewingSession(tokens, name, (note) =>
        caller.call(name, STANDARD_LANE, async () => {
          // jsforce sets the Authorization header from `conn.accessToken` synchronously inside `conn.request`, so the token read here is the one sent.
          note.token = tokens.accessToken;
          const exchange = await jsforceExchange<T>(name, (capture) => conn.request<T>(request, capture));
          note.refusal = exchange.kind === 'refused' ? { status: exchange.status, code: exchange.code } : undefined;
          return exchange;
        }),
      ),
  };
}
