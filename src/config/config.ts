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
      accessToken?: string;
      rateLimitPer10s: 100 | 110 | 190;
      matchByDomain: boolean;
      createMissingCompanies: boolean;
    };
    salesforce: {
      instanceUrl?: string;
      loginUrl: string;
      accessToken?: string;
      apiVersion: string;
    };
  };
  thresholds: { default: Thresholds; segments: Record<string, ThresholdOverrides> };
  /** Null: the built-in default playbooks. */
  playbooksFile: string | null;
  schedule: string;
  state: { databaseUrl?: string; dir: string };
  redisUrl?: string;
  encryptionKey?: string;
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}
