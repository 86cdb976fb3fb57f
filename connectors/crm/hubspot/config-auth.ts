import type { PulseConfig } from '../../../src/config/config';
import { PulseError } from '../../../src/errors';
import type { HubspotLinkOptions } from './link';
import type { HubspotOAuthTokens } from './oauth';

export interface HubspotConfigAuth {
  /** What `openHubspotLink` and `createHubspotConnector` authenticate with. */
  auth: Pick<HubspotLinkOptions, 'accessToken' | 'oauth'>;
  /**
   * The variables that rebuild the same connection now: the tokens as last refreshed. Never the client id
   * and secret: those are the deployment's, read from its own environment.
   */
  credentials(): Record<string, string>;
}

/**
 * `crm.hubspot` as link options: an OAuth installation when HUBSPOT_REFRESH_TOKEN is set (its access
 * token refreshed before expiry, each new pair handed to `onCredentials` to be kept), else the private-app
 * token. The one place the registry and `pulse crm setup` read HubSpot's credentials from.
 */
export function hubspotAuthFromConfig(
  hub: PulseConfig['crm']['hubspot'],
  onCredentials?: (changed: Record<string, string>) => Promise<void> | void,
): HubspotConfigAuth {
  if (hub.refreshToken === undefined || hub.refreshToken === '') {
    const accessToken = hub.accessToken;
    if (!accessToken) {
      throw new PulseError('CRM_NOT_CONFIGURED', 'HubSpot needs HUBSPOT_ACCESS_TOKEN (a private-app token), or HUBSPOT_REFRESH_TOKEN for an OAuth installation, in the environment', {
        place: 'HUBSPOT_ACCESS_TOKEN',
      });
    }
    return { auth: { accessToken }, credentials: () => ({ HUBSPOT_ACCESS_TOKEN: accessToken, HUBSPOT_BASE_URL: hub.baseUrl }) };
  }
  const missing = [['HUBSPOT_CLIENT_ID', hub.clientId], ['HUBSPOT_CLIENT_SECRET', hub.clientSecret]].filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0 || !hub.clientId || !hub.clientSecret) {
    throw new PulseError('CRM_NOT_CONFIGURED', `an OAuth installation of HubSpot (HUBSPOT_REFRESH_TOKEN) needs ${missing.join(' and ')} in the environment`, {
      place: missing.join(', '),
      hint: "set them to the public app's client id and secret",
    });
  }
  const expiresAt = hub.tokenExpiresAt === undefined ? NaN : Date.parse(hub.tokenExpiresAt);
  // An unknown expiry is already past: the first call refreshes, rather than sending a token that may be dead.
  let current: HubspotOAuthTokens = { accessToken: hub.accessToken ?? '', refreshToken: hub.refreshToken, expiresAt: Number.isNaN(expiresAt) ? 0 : expiresAt };
  return {
    auth: {
      accessToken: '',
      oauth: {
        clientId: hub.clientId,
        clientSecret: hub.clientSecret,
        tokens: current,
        onRefresh: async (tokens) => {
          current = tokens;
          await onCredentials?.(tokenVariables(tokens));
        },
      },
    },
    credentials: () => withoutEmpty({ ...tokenVariables(current), HUBSPOT_BASE_URL: hub.baseUrl }),
  };
}

/** The variables a refresh changes. */
function tokenVariables(tokens: HubspotOAuthTokens): Record<string, string> {
  return withoutEmpty({
    HUBSPOT_ACCESS_TOKEN: tokens.accessToken,
    HUBSPOT_REFRESH_TOKEN: tokens.refreshToken,
    HUBSPOT_TOKEN_EXPIRES_AT: tokens.expiresAt > 0 ? new Date(tokens.expiresAt).toISOString() : '',
  });
}

/** An empty value would not parse back (the variables must be non-empty): it is left out instead. */
function withoutEmpty(variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== ''));
}
