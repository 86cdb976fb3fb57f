import type { Connection } from 'jsforce';
import { PulseError } from '../../../src/errors';
import { CrmCaller, type RetryEvent } from '../kit/caller';
import { systemClock, type Clock } from '../kit/clock';
import type { RetryBudget } from '../kit/description';
import { requestSalesforceToken, SALESFORCE_TOKEN_ENDPOINT } from './token-endpoint';
import type { SessionGrant } from './token-grants';

export interface TokenKeeperOptions {
  /** The access token to start with; without one, the first call obtains one through `grant`. */
  accessToken?: string;
  /** How to renew the session; undefined: an expired session cannot be renewed. */
  grant?: SessionGrant;
  /** Awaited with each new access token, before any call uses it (the entry point stores it encrypted). */
  onAccessToken?: (accessToken: string) => void | Promise<void>;
  clock?: Clock;
  random?: () => number;
  retryPolicy?: Partial<RetryBudget>;
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Keeps one org's session: the access token the connection sends, and its renewal through the token
 * endpoint. One renewal at a time (single flight): every call that hit the same expired session waits
 * for the same token request; a call whose token was already replaced does not ask again.
 */
export class SalesforceTokenKeeper {
  /**
   * The token endpoint's own caller (retries for 5xx and dropped connections): token requests are not data
   * API calls, so they are counted here (`endpoint.calls`), not in the link's `caller.calls`.
   */
  readonly endpoint: CrmCaller;
  /** New access tokens granted. */
  renewals = 0;
  private current: string | undefined;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly conn: Connection,
    private readonly options: TokenKeeperOptions,
  ) {
    this.current = options.accessToken === '' ? undefined : options.accessToken;
    this.endpoint = new CrmCaller({ description: SALESFORCE_TOKEN_ENDPOINT, clock: options.clock, random: options.random, retry: options.retryPolicy, onRetry: options.onRetry });
  }

  /** The token calls go out with now (undefined before the first JWT grant). */
  get accessToken(): string | undefined {
    return this.current;
  }

  get canRenew(): boolean {
    return this.options.grant !== undefined;
  }

  /** Before a call: obtains the first access token when the link was opened without one (JWT flow). */
  async ensureToken(): Promise<void> {
    if (this.current === undefined) await this.renew(undefined);
  }

  /**
   * Renews the session `stale` belonged to: nothing when a newer token already replaced it, the renewal
   * in flight when one is, else one token request. A failed renewal rejects every call that waited for it.
   */
  async renew(stale: string | undefined): Promise<void> {
    if (this.current !== stale) return;
    this.renewing ??= this.grantNew().finally(() => (this.renewing = undefined));
    await this.renewing;
  }

  private async grantNew(): Promise<void> {
    const { grant } = this.options;
    if (grant === undefined) {
      // The link checks `canRenew` first and opens only with a token or a grant: reaching this is a bug.
      throw new PulseError('CRM_AUTH_FAILED', 'the Salesforce session cannot be renewed: no refresh token or JWT flow is configured', { place: 'salesforce session' });
    }
    const answer = await requestSalesforceToken(this.endpoint, grant((this.options.clock ?? systemClock).now()));
    this.renewals += 1;
    try {
      await this.options.onAccessToken?.(answer.accessToken);
    } finally {
      // Applied even when storing it failed: the token is valid, and the store's error still reaches the calls.
      this.current = answer.accessToken;
      this.conn.accessToken = answer.accessToken;
      // Relative URLs are resolved against `conn.instanceUrl` when each request is built, so replays follow a moved org.
      if (answer.instanceUrl !== undefined) this.conn.instanceUrl = answer.instanceUrl.replace(/\/+$/, '');
    }
  }
}
