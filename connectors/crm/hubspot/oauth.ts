import { PulseError } from '../../../src/errors';
import { createHubspotClient } from './client';
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
    // The token endpoint needs no bearer token; a client without one keeps the old token out of the request.
    const client = createHubspotClient({ accessToken: '', baseUrl: this.baseUrl });
    let answer;
    try {
      answer = await client.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, this.tokens.refreshToken);
    } catch (error) {
      throw new PulseError('CRM_AUTH_FAILED', "HubSpot refused to refresh the installation's OAuth token", { place: 'oauth refresh', cause: error, hint: 'reinstall the app in the HubSpot portal' });
    }
    this.tokens = { accessToken: answer.accessToken, refreshToken: answer.refreshToken, expiresAt: this.clock.now() + answer.expiresIn * 1000 };
    await this.options.onRefresh?.(this.tokens);
    return this.tokens;
  }
}
