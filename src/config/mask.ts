import { maskUrl } from './warehouse-url';
import type { PulseConfig } from './config';

const SET = '*** (set)';
const NOT_SET = '(not set)';

/**
 * The effective config as `pulse config check` prints it: keys spelled as `pulse.config.yaml`
 * spells them, so a line can be copied into the file; settings the file cannot hold (secrets, the
 * state store, the process) under `environment`, by variable name. Secrets are replaced and every
 * URL, wherever it is, loses its password.
 */
export function maskedConfig(config: PulseConfig): Record<string, unknown> {
  const { warehouse, crm, state } = config;
  return maskUrls({
    source: config.source ?? '(none: defaults and environment)',
    warehouse: {
      url: warehouse.url,
      schema: warehouse.schema,
      models: warehouse.models,
      history_start: warehouse.historyStart ?? '(not set: the earliest day in usage_daily)',
    },
    crm: {
      provider: crm.provider,
      hubspot: {
        base_url: crm.hubspot.baseUrl,
        rate_limit_per_10s: crm.hubspot.rateLimitPer10s,
        match_by_domain: crm.hubspot.matchByDomain,
        create_missing_companies: crm.hubspot.createMissingCompanies,
      },
      salesforce: {
        instance_url: crm.salesforce.instanceUrl ?? NOT_SET,
        login_url: crm.salesforce.loginUrl,
        api_version: crm.salesforce.apiVersion,
        create_missing_accounts: crm.salesforce.createMissingAccounts,
        bulk_threshold: crm.salesforce.bulkThreshold,
        platform_events: crm.salesforce.platformEvents,
        max_daily_api_share: crm.salesforce.maxDailyApiShare,
      },
    },
    thresholds: config.thresholds,
    playbooks: config.playbooksFile ?? '(built-in defaults)',
    schedule: config.schedule,
    environment: {
      HUBSPOT_ACCESS_TOKEN: crm.hubspot.accessToken ? SET : NOT_SET,
      HUBSPOT_CLIENT_ID: crm.hubspot.clientId ?? NOT_SET,
      HUBSPOT_CLIENT_SECRET: crm.hubspot.clientSecret ? SET : NOT_SET,
      HUBSPOT_AUTH_URL: crm.hubspot.authUrl,
      HUBSPOT_REFRESH_TOKEN: crm.hubspot.refreshToken ? SET : NOT_SET,
      HUBSPOT_TOKEN_EXPIRES_AT: crm.hubspot.tokenExpiresAt ?? NOT_SET,
      SALESFORCE_ACCESS_TOKEN: crm.salesforce.accessToken ? SET : NOT_SET,
      SALESFORCE_REFRESH_TOKEN: crm.salesforce.refreshToken ? SET : NOT_SET,
      SALESFORCE_CLIENT_ID: crm.salesforce.clientId ?? NOT_SET,
      SALESFORCE_CLIENT_SECRET: crm.salesforce.clientSecret ? SET : NOT_SET,
      SALESFORCE_USERNAME: crm.salesforce.username ?? NOT_SET,
      SALESFORCE_PRIVATE_KEY_PATH: crm.salesforce.privateKeyPath ?? NOT_SET,
      PULSE_PUBLIC_URL: config.publicUrl ?? NOT_SET,
      PULSE_ADMIN_TOKEN: config.adminToken ? SET : NOT_SET,
      PULSE_ENCRYPTION_KEY: config.encryptionKey ? SET : NOT_SET,
      DATABASE_URL: state.databaseUrl ?? `(not set: embedded PGlite in ${state.dir})`,
      PULSE_STATE_DIR: state.dir,
      REDIS_URL: config.redisUrl ?? '(not set: sync runs in-process)',
      PORT: config.port,
      PULSE_METRICS_PORT: config.metricsPort ?? NOT_SET,
      LOG_LEVEL: config.logLevel,
    },
  });
}

/** Every string that is a URL, at any depth, with its password masked: no key can be forgotten. */
function maskUrls<T>(value: T): T {
  if (typeof value === 'string') return (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? maskUrl(value) : value) as T;
  if (Array.isArray(value)) return value.map(maskUrls) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskUrls(v)])) as T;
  }
  return value;
}
