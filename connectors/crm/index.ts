/**
 * The one registry of CRMs: each kind with its label and how its connector is built from the parsed
 * configuration. The CLI's `--crm` choices and the config's `crm.provider` values derive from it, so a
 * new CRM is one entry here plus its folder. Only entry points (commands, server, jobs) import this.
 * Each CRM's client is loaded when its connector is built (its SDK takes longer to load than a small
 * `pulse signals` run takes), so a command that reads the registry for its names loads none of them.
 */
import type { PulseConfig } from '../../src/config/config';
import { PulseError } from '../../src/errors';
import type { CrmConnector } from '../../src/sync/ports';
import { createDryRunConnector, type MimickedCrm } from './dry-run';
import type { SalesforceCredentials } from './salesforce/token-grants';
import type { RateLimiter } from './kit/limiter';
import type { Output } from './settings';

export interface ConnectorSetup {
  connector: CrmConnector;
  /**
   * The environment variables the connector authenticates with, as it was built (plaintext; the caller
   * seals them): what rebuilds the same connector later. Empty for the dry run. A Salesforce private key
   * is given as its PEM text under SALESFORCE_PRIVATE_KEY, not as the path it was read from, so the
   * credentials stand alone on any machine.
   */
  credentials: Record<string, string>;
}

export interface ConnectorOptions {
  /** For 'dry-run': whose format to mimic. @defaultValue the configured provider when it is a CRM, else 'hubspot' */
  mimic?: MimickedCrm;
  /**
   * The connector serves a dry run: it may read (resolve record ids) but must create nothing, so
   * HubSpot's createMissingCompanies is forced off. @defaultValue false
   */
  forPlan?: boolean;
  /**
   * Awaited with the credential variables a renewal changed (Salesforce: SALESFORCE_ACCESS_TOKEN; HubSpot
   * OAuth: HUBSPOT_ACCESS_TOKEN, HUBSPOT_REFRESH_TOKEN, HUBSPOT_TOKEN_EXPIRES_AT), to be merged into the
   * installation's sealed map: a refresh token HubSpot rotated must not be lost.
   */
  onCredentials?: (changed: Record<string, string>) => Promise<void>;
  /**
   * The rate budget per lane, when several processes share it (the worker's Redis limiters, keyed by
   * the CRM account). @defaultValue in-memory limiters from the CRM's description
   */
  limiters?: Record<string, RateLimiter>;
}

interface CrmEntry {
  /** How people name it: HubSpot, Salesforce. */
  label: string;
  /** The connector for the installation the configuration's credentials open. */
  create(crm: PulseConfig['crm'], options: ConnectorOptions): Promise<ConnectorSetup>;
  /** `pulse crm setup`: make (or check) the CRM's fields from the catalog; absent for the dry run. */
  setup?(crm: PulseConfig['crm'], out: Output, onCredentials?: (changed: Record<string, string>) => Promise<void>): Promise<void>;
}

/** Salesforce's variables as the connector was built: the session it holds now, and how to renew it. */
function salesforceVariables(sf: PulseConfig['crm']['salesforce'], credentials: SalesforceCredentials, accessToken: string | null): Record<string, string> {
  const variables: Record<string, string | undefined> = {
    SALESFORCE_INSTANCE_URL: sf.instanceUrl,
    SALESFORCE_LOGIN_URL: sf.loginUrl,
    SALESFORCE_ACCESS_TOKEN: accessToken ?? undefined,
    SALESFORCE_REFRESH_TOKEN: sf.refreshToken,
    SALESFORCE_CLIENT_ID: sf.clientId,
    SALESFORCE_CLIENT_SECRET: sf.clientSecret,
    SALESFORCE_USERNAME: sf.username,
    SALESFORCE_PRIVATE_KEY: credentials.jwt?.privateKey,
  };
  return Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

const CRMS = {
  hubspot: {
    label: 'HubSpot',
    async create(crm, options) {
      const hub = crm.hubspot;
      const [{ createHubspotConnector }, { hubspotAuthFromConfig }] = await Promise.all([import('./hubspot'), import('./hubspot/config-auth')]);
      // A private-app token, or an OAuth installation whose refreshed tokens go to onCredentials.
      const { auth, credentials } = hubspotAuthFromConfig(hub, options.onCredentials);
      const connector = await createHubspotConnector({
        ...auth,
        baseUrl: hub.baseUrl,
        rateLimitPer10s: hub.rateLimitPer10s,
        matchByDomain: hub.matchByDomain,
        // A dry run may read but never create: the plan must not change the CRM.
        createMissingCompanies: options.forPlan === true ? false : hub.createMissingCompanies,
        limiters: options.limiters,
      });
      // Read after the portal read: an OAuth token refreshed while the connector was built is the one to keep.
      return { connector, credentials: credentials() };
    },
    setup: async (crm, out, onCredentials) => (await import('./hubspot/setup-command')).setupHubspotFromConfig(crm, out, onCredentials),
  },
  salesforce: {
    label: 'Salesforce',
    async create(crm, options) {
      const sf = crm.salesforce;
      if (!sf.instanceUrl) {
        throw new PulseError('CRM_NOT_CONFIGURED', 'Salesforce needs SALESFORCE_INSTANCE_URL and SALESFORCE_ACCESS_TOKEN (or a way to get one) in the environment', {
          place: 'SALESFORCE_INSTANCE_URL',
        });
      }
      const [{ createSalesforceConnector }, { salesforceCredentials }] = await Promise.all([import('./salesforce/connector'), import('./salesforce/config-credentials')]);
      const credentials = salesforceCredentials(sf);
      let current = credentials.accessToken ?? null;
      const connector = await createSalesforceConnector({
        limiters: options.limiters,
        instanceUrl: sf.instanceUrl,
        ...credentials,
        onAccessToken: async (token) => {
          current = token;
          await options.onCredentials?.({ SALESFORCE_ACCESS_TOKEN: token });
        },
        version: sf.apiVersion,
        platformEvents: sf.platformEvents,
        bulkThreshold: sf.bulkThreshold,
        maxDailyApiShare: sf.maxDailyApiShare,
        // A dry run may read but never create: the plan must not change the CRM.
        createMissingAccounts: options.forPlan === true ? false : sf.createMissingAccounts,
      });
      return { connector, credentials: salesforceVariables(sf, credentials, current) };
    },
    setup: async (crm, out) => (await import('./salesforce/setup-command')).checkSalesforceFromConfig(crm, out),
  },
  'dry-run': {
    label: 'dry-run',
    create(crm, options) {
      const mimic = options.mimic ?? (crm.provider === 'salesforce' ? 'salesforce' : 'hubspot');
      return Promise.resolve({ connector: createDryRunConnector({ mimic }), credentials: {} });
    },
  },
} as const satisfies Record<string, CrmEntry>;

export type CrmKind = keyof typeof CRMS;
export const CRM_KINDS = Object.keys(CRMS) as [CrmKind, ...CrmKind[]];
type SetupKind = { [K in CrmKind]: (typeof CRMS)[K] extends { setup: unknown } ? K : never }[CrmKind];
/** The CRMs `pulse crm setup` can set up (every kind but the dry run). */
export const SETUP_KINDS = CRM_KINDS.filter((kind): kind is SetupKind => 'setup' in CRMS[kind]);

/** `onCredentials`: as for a connector, the variables an OAuth refresh changed, for the installation to keep. */
export function setupCrm(kind: SetupKind, crm: PulseConfig['crm'], out: Output, onCredentials?: (changed: Record<string, string>) => Promise<void>): Promise<void> {
  return CRMS[kind].setup(crm, out, onCredentials);
}

export function isCrmKind(value: string): value is CrmKind {
  return Object.hasOwn(CRMS, value);
}

export function crmLabel(kind: string): string {
  return isCrmKind(kind) ? CRMS[kind].label : kind;
}

export function createConnector(kind: CrmKind, crm: PulseConfig['crm'], options: ConnectorOptions = {}): Promise<ConnectorSetup> {
  return CRMS[kind].create(crm, options);
}
