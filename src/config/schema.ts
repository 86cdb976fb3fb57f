import { z } from 'zod';
import { MODEL_NAMES } from '../domain/contract';
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
  SALESFORCE_INSTANCE_URL: optionalUrl,
  SALESFORCE_ACCESS_TOKEN: z.string().min(1).optional(),
  SALESFORCE_API_VERSION: salesforceApiVersion.optional(),
  /** 32 bytes, base64 or hex: encrypts CRM tokens at rest. */
  PULSE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, 'expected 32 bytes as 64 hex characters or base64')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Environment variables that hold secrets: never printed. */
export const SECRET_ENV = ['HUBSPOT_ACCESS_TOKEN', 'SALESFORCE_ACCESS_TOKEN', 'PULSE_ENCRYPTION_KEY'] as const;
