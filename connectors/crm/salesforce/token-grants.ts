import { PulseError } from '../../../src/errors';
import { readRsaPrivateKey, signJwtAssertion } from './jwt-assertion';
import type { TokenRequest } from './token-endpoint';

/** Where Salesforce's token endpoint lives for production orgs (`https://test.salesforce.com` for sandboxes). */
export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The refresh token flow (a connected app the org's admin authorized once). */
export interface SalesforceRefreshOptions {
  refreshToken: string;
  /** The connected app's consumer key. */
  clientId: string;
  /** The consumer secret, when the connected app requires it for refresh. */
  clientSecret?: string;
  /** @defaultValue SALESFORCE_LOGIN_URL */
  loginUrl?: string;
}

/** The JWT bearer flow for server-to-server installs: the connected app holds the certificate of `privateKey`. */
export interface SalesforceJwtOptions {
  /** The Salesforce username the integration acts as (pre-authorized for the connected app). */
  username: string;
  /** The PEM text of the RSA private key (the entry point reads SALESFORCE_PRIVATE_KEY_PATH). */
  privateKey: string;
  /** The connected app's consumer key (the assertion's `iss`). */
  clientId: string;
  /** The token endpoint's host and the assertion's `aud`. @defaultValue SALESFORCE_LOGIN_URL */
  loginUrl?: string;
}

export interface SalesforceCredentials {
  accessToken?: string;
  refresh?: SalesforceRefreshOptions;
  jwt?: SalesforceJwtOptions;
}

/** How a session is renewed: the token request for one renewal, made at `nowMs` (a JWT is signed anew each time). */
export type SessionGrant = (nowMs: number) => TokenRequest;

const RENEWAL_SETTINGS =
  'set SALESFORCE_ACCESS_TOKEN (with SALESFORCE_REFRESH_TOKEN and SALESFORCE_CLIENT_ID to renew it), or SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY_PATH and SALESFORCE_CLIENT_ID for the JWT bearer flow';

/** The login URL without trailing slashes; CONFIG_INVALID naming `place` when it is not an http(s) URL. */
export function loginUrlOf(raw: string | undefined, place: string): string {
  const loginUrl = (raw ?? SALESFORCE_LOGIN_URL).replace(/\/+$/, '');
  if (!URL.canParse(loginUrl) || !/^https?:$/.test(new URL(loginUrl).protocol)) {
    throw new PulseError('CONFIG_INVALID', `the Salesforce login URL "${loginUrl}" is not an http(s) URL`, { place, hint: `SALESFORCE_LOGIN_URL defaults to ${SALESFORCE_LOGIN_URL}` });
  }
  return loginUrl;
}

function required(value: string | undefined, setting: string, flow: string): string {
  if (value === undefined || value.trim() === '') throw new PulseError('CRM_NOT_CONFIGURED', `the Salesforce ${flow} flow needs ${setting}`, { place: setting, hint: `set ${setting}` });
  return value;
}

function refreshGrant(options: SalesforceRefreshOptions): SessionGrant {
  const refreshToken = required(options.refreshToken, 'SALESFORCE_REFRESH_TOKEN', 'refresh token');
  const clientId = required(options.clientId, 'SALESFORCE_CLIENT_ID', 'refresh token');
  const loginUrl = loginUrlOf(options.loginUrl, 'SALESFORCE_LOGIN_URL');
  const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId };
  if (options.clientSecret !== undefined && options.clientSecret !== '') form.client_secret = options.clientSecret;
  const request: TokenRequest = {
    flow: 'refresh token',
    loginUrl,
    form,
    hintFor: (oauthError) => {
      if (oauthError === 'invalid_grant') return 'the refresh token was revoked or expired: authorize the connected app again and set the new SALESFORCE_REFRESH_TOKEN';
      if (oauthError === 'invalid_client_id' || oauthError === 'invalid_client') return 'check SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET against the connected app';
      return 'check SALESFORCE_REFRESH_TOKEN, SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and SALESFORCE_LOGIN_URL';
    },
  };
  return () => request;
}

function jwtGrant(options: SalesforceJwtOptions): SessionGrant {
  const username = required(options.username, 'SALESFORCE_USERNAME', 'JWT bearer');
  const clientId = required(options.clientId, 'SALESFORCE_CLIENT_ID', 'JWT bearer');
  const privateKey = readRsaPrivateKey(required(options.privateKey, 'SALESFORCE_PRIVATE_KEY_PATH', 'JWT bearer'), 'SALESFORCE_PRIVATE_KEY_PATH');
  const loginUrl = loginUrlOf(options.loginUrl, 'SALESFORCE_LOGIN_URL');
  const hintFor = (oauthError: string | undefined): string => {
    if (oauthError === 'invalid_grant') {
      return 'check that the connected app holds the certificate of SALESFORCE_PRIVATE_KEY_PATH, that SALESFORCE_USERNAME is pre-authorized for it, and that SALESFORCE_LOGIN_URL is the org\'s login URL (https://test.salesforce.com for a sandbox)';
    }
    if (oauthError === 'invalid_client_id' || oauthError === 'invalid_client') return 'check SALESFORCE_CLIENT_ID against the connected app';
    return 'check SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY_PATH, SALESFORCE_CLIENT_ID and SALESFORCE_LOGIN_URL';
  };
  return (nowMs) => ({
    flow: 'JWT bearer',
    loginUrl,
    form: { grant_type: JWT_BEARER_GRANT, assertion: signJwtAssertion({ clientId, username, audience: loginUrl }, privateKey, nowMs) },
    hintFor,
  });
}

/**
 * Checks the credentials once, when the link opens, and returns how to renew the session (undefined: the
 * access token is all there is). A missing piece is CRM_NOT_CONFIGURED naming the setting; both flows at
 * once is CONFIG_INVALID (which one to trust is not ours to guess). Without an access token, a flow that
 * can obtain one is required: the first call then asks for it.
 */
export function sessionGrantOf(credentials: SalesforceCredentials): SessionGrant | undefined {
  if (credentials.refresh !== undefined && credentials.jwt !== undefined) {
    throw new PulseError('CONFIG_INVALID', 'Salesforce is configured for both the refresh token and the JWT bearer flow', {
      place: 'SALESFORCE_REFRESH_TOKEN, SALESFORCE_USERNAME',
      hint: 'keep SALESFORCE_REFRESH_TOKEN or SALESFORCE_USERNAME with SALESFORCE_PRIVATE_KEY_PATH, not both',
    });
  }
  const grant = credentials.jwt !== undefined ? jwtGrant(credentials.jwt) : credentials.refresh !== undefined ? refreshGrant(credentials.refresh) : undefined;
  const hasToken = credentials.accessToken !== undefined && credentials.accessToken !== '';
  if (!hasToken && grant === undefined) {
    throw new PulseError('CRM_NOT_CONFIGURED', 'Salesforce has no access token and no way to obtain one', { place: 'SALESFORCE_ACCESS_TOKEN', hint: RENEWAL_SETTINGS });
  }
  return grant;
}
