/**
 * The CRMs an admin can install through OAuth, each a small typed description: the settings it needs,
 * its authorize URL, and how a code becomes the account id and the credential variables an
 * installation keeps (the same variables `pulse installations add` seals, so the worker runs both alike).
 */
import { exchangeHubspotCode } from '../../../connectors/crm/hubspot/token-endpoint';
import { openHubspotLink } from '../../../connectors/crm/hubspot/link';
import { readPortalInfo } from '../../../connectors/crm/hubspot/account-info';
import { exchangeSalesforceCode, salesforceAuthorizeUrl } from '../../../connectors/crm/salesforce/authorization-code';
import { HUBSPOT_SCOPES } from '../../catalog/hubspot-app';
import type { PulseConfig } from '../../config/config';
import type { CredentialVariables } from '../../sync/state';
import type { IssuedState } from './state';

export type OAuthCrm = 'hubspot' | 'salesforce';

export interface Connected {
  /** HubSpot portal id, Salesforce org id: what names the installation and its state. */
  accountId: string;
  variables: CredentialVariables;
}

export interface OAuthProvider {
  crm: OAuthCrm;
  label: string;
  /** The variables this CRM's install needs that are not set. */
  missing(config: PulseConfig): string[];
  authorizeUrl(config: PulseConfig, redirectUri: string, issued: IssuedState): string;
  connect(config: PulseConfig, grant: { code: string; redirectUri: string; verifier: string; nowMs: number }): Promise<Connected>;
  /** The installation's name: the CRM and its account, so a reinstall finds the same one. */
  installationName(accountId: string): string;
}

const unset = (variables: Record<string, string | undefined>) => Object.entries(variables).filter(([, value]) => value === undefined || value === '').map(([name]) => name);

const hubspot: OAuthProvider = {
  crm: 'hubspot',
  label: 'HubSpot',
  missing: (config) => unset({ HUBSPOT_CLIENT_ID: config.crm.hubspot.clientId, HUBSPOT_CLIENT_SECRET: config.crm.hubspot.clientSecret }),
  authorizeUrl(config, redirectUri, issued) {
    const url = new URL(config.crm.hubspot.authUrl);
    url.searchParams.set('client_id', config.crm.hubspot.clientId ?? '');
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', HUBSPOT_SCOPES.join(' '));
    url.searchParams.set('state', issued.state);
    url.searchParams.set('code_challenge', issued.challenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  },
  async connect(config, grant) {
    const hub = config.crm.hubspot;
    const tokens = await exchangeHubspotCode(
      { baseUrl: hub.baseUrl, clientId: hub.clientId ?? '', clientSecret: hub.clientSecret ?? '', code: grant.code, redirectUri: grant.redirectUri, codeVerifier: grant.verifier },
      grant.nowMs,
    );
    // The token answer's hub id is not trusted alone: the portal is read as every run reads it.
    const portal = await readPortalInfo(openHubspotLink({ accessToken: tokens.accessToken, baseUrl: hub.baseUrl }));
    return {
      accountId: portal.portalId,
      variables: {
        HUBSPOT_ACCESS_TOKEN: tokens.accessToken,
        HUBSPOT_REFRESH_TOKEN: tokens.refreshToken,
        HUBSPOT_TOKEN_EXPIRES_AT: new Date(tokens.expiresAt).toISOString(),
        // An installation's run sees none of the process's CRM variables but these (installations-env.ts).
        HUBSPOT_BASE_URL: hub.baseUrl,
      },
    };
  },
  installationName: (portalId) => `hubspot-${portalId}`,
};

const salesforce: OAuthProvider = {
  crm: 'salesforce',
  label: 'Salesforce',
  missing: (config) => unset({ SALESFORCE_CLIENT_ID: config.crm.salesforce.clientId }),
  authorizeUrl: (config, redirectUri, issued) =>
    salesforceAuthorizeUrl({ loginUrl: config.crm.salesforce.loginUrl, clientId: config.crm.salesforce.clientId ?? '', redirectUri, state: issued.state, codeChallenge: issued.challenge }),
  async connect(config, grant) {
    const sf = config.crm.salesforce;
    const session = await exchangeSalesforceCode({
      loginUrl: sf.loginUrl,
      clientId: sf.clientId ?? '',
      clientSecret: sf.clientSecret,
      code: grant.code,
      redirectUri: grant.redirectUri,
      codeVerifier: grant.verifier,
    });
    return {
      accountId: session.orgId,
      variables: {
        SALESFORCE_INSTANCE_URL: session.instanceUrl,
        SALESFORCE_ACCESS_TOKEN: session.accessToken,
        SALESFORCE_REFRESH_TOKEN: session.refreshToken,
        // The refresh goes back to the login that issued it: production, sandbox or My Domain.
        SALESFORCE_LOGIN_URL: sf.loginUrl,
        // A run renews its session with the app's own id (an installation's run sees no process CRM variable).
        SALESFORCE_CLIENT_ID: sf.clientId ?? '',
        ...(sf.clientSecret === undefined ? {} : { SALESFORCE_CLIENT_SECRET: sf.clientSecret }),
      },
    };
  },
  // Org ids are case-sensitive only in their 15-character form; the 18-character one lower-cased stays unique.
  installationName: (orgId) => `salesforce-${orgId.toLowerCase()}`,
};

export const OAUTH_PROVIDERS: Readonly<Record<OAuthCrm, OAuthProvider>> = { hubspot, salesforce };
