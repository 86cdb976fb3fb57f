import { z } from 'zod';
import { MODEL_NAMES } from '../domain/contract';
import { isValidDay } from '../domain/dates';
import { thresholdOverridesSchema } from './thresholds-schema';

/**
 * `pulse.config.yaml`. Secrets (tokens, passwords) are not accepted here: they come from the
 * environment only, so a config file can be committed and shared.
 */
/** Salesforce API versions are `NN.0`; one rule for the file and the environment. */
const salesforceApiVersion = z.string().regex(/^\d{2,3}\.0$/, 'expected a Salesforce API version like 60.0');

const modelsSchema = z.strictObject(Object.fromEntries(MODEL_NAMES.map((m) => [m, z.string().min(1).optional()])));

/**
 * The file's schema. The CRM kinds come from the CRM registry (`connectors/crm`), handed in by the entry
 * point, so the core never lists CRMs itself.
 */
export const fileConfigSchema = (crmKinds: readonly [string, ...string[]]) => z.strictObject({
  warehouse: z
    .strictObject({
      /** `duckdb:PATH` or `postgres://...`. @defaultValue duckdb:.pulse/warehouse.duckdb */
      url: z.string().regex(/^(duckdb:.+|postgres(ql)?:\/\/.+)$/, 'expected duckdb:PATH or postgres://...').optional(),
      /** Schema holding tables named as the models. */
      schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'expected a plain schema name').optional(),
      /** Per model: a table name or a SELECT query. */
      models: modelsSchema.optional(),
      /**
       * The first day the warehouse holds usage for, when the user knows better than the data
       * (SIGNALS.md v1.1: time to first value is unknowable for contracts that start before it).
       * @defaultValue the earliest day in usage_daily over all accounts
       */
      history_start: z.string({ error: 'expected a date YYYY-MM-DD' }).refine(isValidDay, 'expected a date YYYY-MM-DD').optional(),
    })
    .optional(),
  crm: z
    .strictObject({
      provider: z.enum(crmKinds).optional(),
      hubspot: z
        .strictObject({
          base_url: z.url().optional(),
          /** Requests per rolling 10 s: HubSpot's tiers. @defaultValue 100 */
          rate_limit_per_10s: z
            .number()
            .refine((v): v is 100 | 110 | 190 => v === 100 || v === 110 || v === 190, 'expected 100, 110 or 190 (HubSpot rate-limit tiers)')
            .optional(),
          match_by_domain: z.boolean().optional(),
          create_missing_companies: z.boolean().optional(),
        })
        .optional(),
      salesforce: z
        .strictObject({
          instance_url: z.url().optional(),
          login_url: z.url().optional(),
          api_version: salesforceApiVersion.optional(),
          /** Create an Account for a warehouse account no Account matches. @defaultValue false */
          create_missing_accounts: z.boolean().optional(),
          /** Changed Accounts in one run from which field writes go through Bulk API 2.0. @defaultValue 2000 */
          bulk_threshold: z.int().min(1).optional(),
          /** Publish a `Pulse_Playbook__e` per playbook firing. @defaultValue true */
          platform_events: z.boolean().optional(),
          /** The share of the org's daily API allocation past which a run stops (resumable). @defaultValue 0.8 */
          max_daily_api_share: z.number().gt(0, 'expected a share above 0 and at most 1').max(1, 'expected a share above 0 and at most 1').optional(),
        })
        .optional(),
    })
    .optional(),
  thresholds: z
    .strictObject({
      default: thresholdOverridesSchema.optional(),
      segments: z.record(z.string(), thresholdOverridesSchema).optional(),
    })
    .optional(),
  /** Path to a playbook rules file; the built-in defaults when absent. */
  playbooks: z.string().min(1).optional(),
  /** Cron expression for the worker's scheduled sync. @defaultValue "0 6 * * *" */
  schedule: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'expected a 5-field cron expression like "0 6 * * *"')
    .optional(),
});

export type FileConfig = z.infer<ReturnType<typeof fileConfigSchema>>;

const optionalUrl = z.url().optional();

export const envSchema = z.object({
  PULSE_CONFIG: z.string().optional(),
  WAREHOUSE_URL: z.string().regex(/^(duckdb:.+|postgres(ql)?:\/\/.+)$/, 'expected duckdb:PATH or postgres://...').optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/.+/, 'expected postgres://...').optional(),
  PULSE_STATE_DIR: z.string().optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'expected redis://host:port').optional(),
  HUBSPOT_ACCESS_TOKEN: z.string().min(1).optional(),
  HUBSPOT_BASE_URL: optionalUrl,
  /** The public app's credentials: an OAuth installation's tokens are refreshed with them. */
  HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where an install starts (the consent page). */
  HUBSPOT_AUTH_URL: optionalUrl,
  /** An OAuth installation's refresh token; set, it is used instead of a private-app token. */
  HUBSPOT_REFRESH_TOKEN: z.string().min(1).optional(),
  /** When HUBSPOT_ACCESS_TOKEN (an OAuth access token) expires. */
  HUBSPOT_TOKEN_EXPIRES_AT: z.iso.datetime({ offset: true, error: 'expected an ISO-8601 instant like 2026-03-01T12:00:00Z' }).optional(),
  SALESFORCE_INSTANCE_URL: optionalUrl,
  SALESFORCE_ACCESS_TOKEN: z.string().min(1).optional(),
  SALESFORCE_API_VERSION: salesforceApiVersion.optional(),
  SALESFORCE_LOGIN_URL: optionalUrl,
  SALESFORCE_REFRESH_TOKEN: z.string().min(1).optional(),
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  /** The integration user of the JWT bearer flow. */
  SALESFORCE_USERNAME: z.string().min(1).optional(),
  /** The PEM private key that signs the JWT bearer assertion (its certificate is on the External Client App). */
  SALESFORCE_PRIVATE_KEY_PATH: z.string().min(1).optional(),
  /** Authenticates the web process's admin API (`Authorization: Bearer …`). */
  PULSE_ADMIN_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  /** The base URL the CRMs reach this deployment at (OAuth callbacks, webhooks). */
  PULSE_PUBLIC_URL: optionalUrl,
  /** 32 bytes, base64 or hex: encrypts CRM tokens at rest. */
  PULSE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, 'expected 32 bytes as 64 hex characters or base64')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the worker serves Prometheus metrics (`/metrics`); unset: not served. */
  PULSE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Keys that hold a secret, refused anywhere in the file (spelled in snake_case, camelCase or
 * kebab-case), so a committed config file never carries one. A value is never echoed.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'access_token', 'token', 'private_app_token', 'refresh_token', 'client_secret', 'secret', 'api_key', 'apikey',
  'password', 'passwd', 'private_key', 'encryption_key',
]);

/** HubSpot's OAuth secrets each have their own variable; any other is the private-app token. */
const HUBSPOT_SECRET_ENV: Record<string, string> = {
  refresh_token: 'set HUBSPOT_REFRESH_TOKEN',
  client_secret: 'set HUBSPOT_CLIENT_SECRET',
};

/** Salesforce's secrets each have their own variable. */
const SALESFORCE_SECRET_ENV: Record<string, string> = {
  refresh_token: 'set SALESFORCE_REFRESH_TOKEN',
  client_secret: 'set SALESFORCE_CLIENT_SECRET',
  private_key: 'put the key in a file and set SALESFORCE_PRIVATE_KEY_PATH',
};

/** `refreshToken`, `refresh-token` and `refresh_token` alike. */
function normalizedKey(key: string | undefined): string {
  return (key ?? '').replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
}

const PG_PASSWORD_HINT = 'set WAREHOUSE_URL (or leave the password out of the URL and put it in PGPASSWORD or ~/.pgpass)';

/**
 * Where a secret found at `path` (the file's keys as spelled) belongs instead: the hint after
 * "secrets come from the environment only: ". `isUrl`: the secret is a URL's password.
 */
export function secretHint(path: readonly string[], isUrl: boolean): string {
  const key = path.join('.');
  const last = path[path.length - 1];
  if (key === 'warehouse.url' || (!isUrl && path[0] === 'warehouse')) return PG_PASSWORD_HINT;
  if (key === 'crm.hubspot.base_url') return 'set HUBSPOT_BASE_URL';
  if (key === 'crm.salesforce.instance_url') return 'set SALESFORCE_INSTANCE_URL';
  if (isUrl) return 'leave the password out of the URL';
  if (last !== undefined && /^encryption[-_]?key$/i.test(last)) return 'set PULSE_ENCRYPTION_KEY';
  if (path[0] === 'crm' && path[1] === 'hubspot') return HUBSPOT_SECRET_ENV[normalizedKey(last)] ?? 'set HUBSPOT_ACCESS_TOKEN';
  if (path[0] === 'crm' && path[1] === 'salesforce') return SALESFORCE_SECRET_ENV[normalizedKey(last)] ?? 'set SALESFORCE_ACCESS_TOKEN';
  if (path[0] === 'redis') return 'set REDIS_URL';
  if (path[0] === 'state' || path[0] === 'database') return 'set DATABASE_URL';
  return 'set HUBSPOT_ACCESS_TOKEN, SALESFORCE_ACCESS_TOKEN, WAREHOUSE_URL, DATABASE_URL or REDIS_URL';
}

/** Environment variables that hold secrets: never printed. */
export const SECRET_ENV = ['HUBSPOT_ACCESS_TOKEN', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_REFRESH_TOKEN', 'SALESFORCE_ACCESS_TOKEN', 'SALESFORCE_REFRESH_TOKEN', 'SALESFORCE_CLIENT_SECRET', 'PULSE_ENCRYPTION_KEY', 'PULSE_ADMIN_TOKEN'] as const;
