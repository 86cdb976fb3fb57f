import { PulseError } from '../../../src/errors';
import { CrmCaller } from '../kit/caller';
import { requestSalesforceToken, SALESFORCE_TOKEN_ENDPOINT, type TokenRequest } from './token-endpoint';
import { loginUrlOf } from './token-grants';

// The OAuth 2.0 web server flow with PKCE: installing the External Client App, as the web process runs it.

/** `api` to call the REST API; `refresh_token` so the worker can renew the session without the admin. */
export const SALESFORCE_INSTALL_SCOPES: readonly string[] = ['api', 'refresh_token'];

export interface SalesforceAuthorizeOptions {
  /** https://login.salesforce.com, https://test.salesforce.com (sandbox) or the org's My Domain URL. */
  loginUrl: string;
  /** The External Client App's consumer key. */
  clientId: string;
  /** `PULSE_PUBLIC_URL/oauth/salesforce/callback`, exactly as the app's callback URL. */
  redirectUri: string;
  /** The signed, single-use state the callback checks. */
  state: string;
  /** base64url(SHA-256(code verifier)). */
  codeChallenge: string;
  /** @defaultValue SALESFORCE_INSTALL_SCOPES */
  scopes?: readonly string[];
}

export interface SalesforceCodeExchange {
  loginUrl: string;
  clientId: string;
  /** Omitted from the form when undefined (an app whose consumer secret is optional). */
  clientSecret?: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** The token endpoint's caller (tests shorten its backoff). @defaultValue a caller with Salesforce's token endpoint retries */
  caller?: CrmCaller;
}

export interface SalesforceInstallTokens {
  accessToken: string;
  refreshToken: string;
  instanceUrl: string;
  /** The org id (`00D…`) from the identity URL. */
  orgId: string;
  /** The id (`005…`) of the user who allowed access. */
  userId: string;
}

// A 15- or 18-character record id with its key prefix: 00D is an Organization, 005 a User.
const IDENTITY_PATH = /^\/id\/(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)\/(005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)\/?$/;

export function salesforceAuthorizeUrl(options: SalesforceAuthorizeOptions): string {
  const url = new URL(`${loginUrlOf(options.loginUrl, 'SALESFORCE_LOGIN_URL')}/services/oauth2/authorize`);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    state: options.state,
    code_challenge: options.codeChallenge,
    code_challenge_method: 'S256',
    scope: (options.scopes ?? SALESFORCE_INSTALL_SCOPES).join(' '),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

function hintFor(oauthError: string | undefined): string {
  if (oauthError === 'invalid_grant') {
    return 'the authorization code expired (it lasts 15 minutes), was already used, or was issued for another redirect URI or code challenge: start the install again';
  }
  if (oauthError === 'invalid_client_id' || oauthError === 'invalid_client') return 'check SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET against the External Client App';
  return 'check SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET, SALESFORCE_LOGIN_URL and the External Client App\'s callback URL';
}

/**
 * Exchanges the code the callback received for the installation's tokens, through the same token endpoint
 * machinery as session renewal (retries, secret scrubbing, OAuth error names). An answer without a refresh
 * token, instance URL or readable identity URL is CRM_AUTH_FAILED: the installation could not be kept.
 */
export async function exchangeSalesforceCode(options: SalesforceCodeExchange): Promise<SalesforceInstallTokens> {
  const loginUrl = loginUrlOf(options.loginUrl, 'SALESFORCE_LOGIN_URL');
  const form: Record<string, string> = { grant_type: 'authorization_code', code: options.code, redirect_uri: options.redirectUri, client_id: options.clientId };
  if (options.clientSecret !== undefined) form.client_secret = options.clientSecret;
  form.code_verifier = options.codeVerifier;
  const request: TokenRequest = { flow: 'authorization code', loginUrl, form, hintFor };
  const caller = options.caller ?? new CrmCaller({ description: SALESFORCE_TOKEN_ENDPOINT });
  const answer = await requestSalesforceToken(caller, request);

  const place = 'POST /services/oauth2/token';
  if (answer.refreshToken === undefined) {
    // The callback's page shows the message alone: it names the fix too.
    throw new PulseError('CRM_AUTH_FAILED', 'Salesforce granted no refresh token: the External Client App lacks the refresh_token scope', {
      place,
      hint: "add the refresh_token scope (\"Perform requests at any time\") to the External Client App's OAuth settings, check its refresh token policy, and install again",
    });
  }
  if (answer.instanceUrl === undefined) {
    throw new PulseError('CRM_AUTH_FAILED', "Salesforce's token answer names no instance_url", { place, hint: 'check that SALESFORCE_LOGIN_URL is the Salesforce login URL' });
  }
  // The identity URL's host is the login host or the My Domain; only its path names the org and user.
  const ids = answer.identityUrl !== undefined && URL.canParse(answer.identityUrl) ? IDENTITY_PATH.exec(new URL(answer.identityUrl).pathname) : null;
  const [, orgId, userId] = ids ?? [];
  if (orgId === undefined || userId === undefined) {
    throw new PulseError('CRM_AUTH_FAILED', "Salesforce's token answer has no identity URL naming the org and user (its id field)", {
      place,
      hint: 'check that SALESFORCE_LOGIN_URL is the Salesforce login URL and install again',
    });
  }
  return { accessToken: answer.accessToken, refreshToken: answer.refreshToken, instanceUrl: answer.instanceUrl.replace(/\/+$/, ''), orgId, userId };
}
