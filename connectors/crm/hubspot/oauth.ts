import { refreshHubspotTokens } from './token-endpoint';
import type { Clock } from '../kit/clock';

export interface HubspotOAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (epoch ms). */
  expiresAt: number;
}

export interface HubspotOAuthOptions {
  clientId: string;
  clientSecret: string;
  tokens: HubspotOAuthTokens;
  /** Called with every refreshed pair, so the installation's store keeps the newest refresh token (encrypted at rest). */
  onRefresh?: (tokens: HubspotOAuthTokens) => Promise<void> | void;
  /** Refresh this long before expiry, so no request leaves with a token that dies in flight. @defaultValue 300000 */
  marginMs?: number;
}

/**
 * Keeps an installation's OAuth access token fresh: refreshed before expiry, never after a 401 (HubSpot:
 * a 401 is not a signal to refresh). One refresh at a time, however many calls ask at once.
 */
export class OAuthTokenKeeper {
  private tokens: HubspotOAuthTokens;
  private refreshing: Promise<HubspotOAuthTokens> | undefined;

  constructor(
    private readonly options: HubspotOAuthOptions,
    private readonly baseUrl: string | undefined,
    private readonly clock: Clock,
  ) {
    this.tokens = options.tokens;
  }

  async accessToken(): Promise<string> {
    if (this.clock.now() < this.tokens.expiresAt - (this.options.marginMs ?? 300_000)) return this.tokens.accessToken;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return (await this.refreshing).accessToken;
  }

  private async refresh(): Promise<HubspotOAuthTokens> {
    const { clientId, clientSecret } = this.options;
    // HubSpot's 2026-03 token endpoint, not the SDK's tokensApi: that one calls /oauth/v1/token, retired on 16 Feb 2027.
    this.tokens = await refreshHubspotTokens(
      { baseUrl: this.baseUrl, clientId, clientSecret, refreshToken: this.tokens.refreshToken, sleep: (ms) => this.clock.sleep(ms) },
      this.clock.now(),
    );
    await this.options.onRefresh?.(this.tokens);
    return this.tokens;
  }
}
