import type { ModelName } from '../domain/contract';
import type { Thresholds, ThresholdOverrides } from './thresholds';
import type { WarehouseLocation } from './warehouse-url';

/** The effective configuration: file and environment merged, defaults applied. */
export interface PulseConfig {
  /** Where the file came from, or null when none was read. */
  source: string | null;
  warehouse: {
    url: string;
    schema?: string;
    models: Partial<Record<ModelName, string>>;
    /**
     * `warehouse.history_start`: the first day of usage history, when the user knows better than
     * the data. Absent: the earliest day in usage_daily over all accounts (SIGNALS.md v1.1).
     */
    historyStart?: string;
    /** `url` parsed: the engine, its target and the URL to show (password masked). */
    location: WarehouseLocation;
  };
  crm: {
    /** A CRM kind of the registry (`connectors/crm`). @defaultValue 'dry-run' */
    provider: string;
    hubspot: {
      baseUrl: string;
      /** A private-app token, or an OAuth installation's current access token. */
      accessToken?: string;
      /** The public app's credentials (`HUBSPOT_CLIENT_ID`, `HUBSPOT_CLIENT_SECRET`): the deployment's, not an installation's. */
      clientId?: string;
      clientSecret?: string;
      /** Where an install starts. @defaultValue https://app.hubspot.com/oauth/authorize */
      authUrl: string;
      /** An OAuth installation's refresh token: set, the connector authenticates with OAuth. */
      refreshToken?: string;
      /** When `accessToken` expires (ISO-8601, `HUBSPOT_TOKEN_EXPIRES_AT`); absent, it is refreshed before first use. */
      tokenExpiresAt?: string;
      rateLimitPer10s: 100 | 110 | 190;
      matchByDomain: boolean;
      createMissingCompanies: boolean;
    };
    salesforce: {
      instanceUrl?: string;
      /** Where tokens are obtained and refreshed. @defaultValue https://login.salesforce.com */
      loginUrl: string;
      accessToken?: string;
      /** Renews an expired session: with the client id (and secret, for a confidential client). */
      refreshToken?: string;
      clientId?: string;
      clientSecret?: string;
      /** The JWT bearer flow: the integration user and the private key file that signs the assertion. */
      username?: string;
      privateKeyPath?: string;
      /** @defaultValue 62.0 */
      apiVersion: string;
      createMissingAccounts: boolean;
      bulkThreshold: number;
      platformEvents: boolean;
      maxDailyApiShare: number;
    };
  };
  thresholds: { default: Thresholds; segments: Record<string, ThresholdOverrides> };
  /** Null: the built-in default playbooks. */
  playbooksFile: string | null;
  schedule: string;
  state: { databaseUrl?: string; dir: string };
  redisUrl?: string;
  /** `PULSE_ADMIN_TOKEN`: the admin API's bearer token; unset, the admin API answers 503. */
  adminToken?: string;
  /** `PULSE_PUBLIC_URL`: where the CRMs reach this deployment (OAuth callbacks, webhooks). */
  publicUrl?: string;
  encryptionKey?: string;
  port: number;
  /** `PULSE_METRICS_PORT`: the worker's `/metrics`; undefined: not served. */
  metricsPort?: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}
