import { maskUrl } from './warehouse-url';
import type { PulseConfig } from './config';

const SET = '*** (set)';

/** The effective config as `pulse config check` prints it: secrets replaced, URLs without passwords. */
export function maskedConfig(config: PulseConfig): Record<string, unknown> {
  // The location repeats the URL, and its target holds a PostgreSQL password: print the URL only.
  const { location: _location, ...warehouse } = config.warehouse;
  return {
    source: config.source ?? '(none: defaults and environment)',
    warehouse: { ...warehouse, url: maskUrl(warehouse.url) },
    crm: {
      provider: config.crm.provider,
      hubspot: { ...config.crm.hubspot, accessToken: config.crm.hubspot.accessToken ? SET : '(not set)' },
      salesforce: { ...config.crm.salesforce, accessToken: config.crm.salesforce.accessToken ? SET : '(not set)' },
    },
    thresholds: config.thresholds,
    playbooksFile: config.playbooksFile ?? '(built-in defaults)',
    schedule: config.schedule,
    state: { ...config.state, databaseUrl: config.state.databaseUrl ? maskUrl(config.state.databaseUrl) : `(embedded PGlite in ${config.state.dir})` },
    redisUrl: config.redisUrl ? maskUrl(config.redisUrl) : '(not set: sync runs in-process)',
    encryptionKey: config.encryptionKey ? SET : '(not set)',
    port: config.port,
    logLevel: config.logLevel,
  };
}
