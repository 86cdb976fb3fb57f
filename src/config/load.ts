import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodError } from 'zod';
import { isPulseError, PulseError } from '../errors';
import type { PulseConfig } from './config';
import { envSchema, fileConfigSchema, SECRET_KEYS, secretHint, type Env, type FileConfig } from './schema';
import { DEFAULT_THRESHOLDS, mergeThresholds, thresholdConfigProblems, type ThresholdOverrides } from './thresholds';
import { DEFAULT_WAREHOUSE_URL, parseWarehouseUrl, urlHasPassword, type WarehouseLocation } from './warehouse-url';

export const DEFAULT_CONFIG_FILE = 'pulse.config.yaml';

/**
 * The REST API version calls use unless configured: a current one. The metadata in manifests/salesforce
 * declares its own (older) source version, which any later API reads.
 */
export const DEFAULT_SALESFORCE_API_VERSION = '62.0';

export interface ParseOptions {
  /** The CRM kinds `crm.provider` may name: the CRM registry's, handed in by the entry point. */
  crmKinds: readonly [string, ...string[]];
}

/**
 * Reads the environment and the optional config file once, at start-up. Every problem is
 * collected before failing, so an admin fixes them all in one pass. Entry points call it through
 * `loadConfig` (src/commands/config.ts), which hands in the CRM registry's kinds.
 */
export function parseConfig(env: NodeJS.ProcessEnv, cwd: string, options: ParseOptions): PulseConfig {
  const problems: string[] = [];
  const envResult = envSchema.safeParse(env);
  if (!envResult.success) problems.push(...describeIssues(envResult.error, 'env '));
  const parsedEnv: Env = envResult.success ? envResult.data : {};

  const explicit = parsedEnv.PULSE_CONFIG ?? env.PULSE_CONFIG;
  const path = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  let file: FileConfig = {};
  let source: string | null = null;
  if (existsSync(path)) {
    source = path;
    const doc = parseDocument(readFileSync(path, 'utf8'));
    if (doc.errors.length > 0) {
      problems.push(...doc.errors.map((e) => `${path}: ${e.message.split('\n')[0]}`));
    } else {
      const withoutSecrets = refuseSecrets(doc.toJS() ?? {}, [], (problem) => problems.push(`${path}: ${problem}`));
      const fileResult = fileConfigSchema(options.crmKinds).safeParse(withoutSecrets);
      if (fileResult.success) file = fileResult.data;
      else problems.push(...describeIssues(fileResult.error, `${path}: `));
      problems.push(...thresholdConfigProblems(file.thresholds, `${path}: `));
    }
  } else if (explicit !== undefined) {
    problems.push(`env PULSE_CONFIG: file ${path} does not exist`);
  }

  const location = warehouseLocation(env, envResult.success ? [] : envResult.error.issues, file, path, problems);

  if (problems.length > 0 || location === null) {
    throw new PulseError('CONFIG_INVALID', `invalid configuration (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  - ${problems.join('\n  - ')}`, {
      place: source ?? 'environment',
    });
  }
  return effectiveConfig(file, parsedEnv, source, cwd, location);
}

/**
 * Parses the warehouse URL in force (environment, then file, then default) once, here, so a bad
 * one is a config problem naming its key rather than a failure at the first connection. Null when
 * the URL is bad: its problem is in `problems`, or was put there by the schema check.
 */
function warehouseLocation(
  env: NodeJS.ProcessEnv,
  envIssues: readonly { path: readonly PropertyKey[] }[],
  file: FileConfig,
  path: string,
  problems: string[],
): WarehouseLocation | null {
  let url = DEFAULT_WAREHOUSE_URL;
  let key = 'warehouse.url';
  if (env.WAREHOUSE_URL !== undefined) {
    if (envIssues.some((issue) => issue.path[0] === 'WAREHOUSE_URL')) return null;
    url = env.WAREHOUSE_URL;
    key = 'env WAREHOUSE_URL';
  } else if (file.warehouse?.url !== undefined) {
    url = file.warehouse.url;
    key = `${path}: warehouse.url`;
  }
  try {
    return parseWarehouseUrl(url, key);
  } catch (error) {
    if (!isPulseError(error) || error.code !== 'WAREHOUSE_URL_INVALID') throw error;
    problems.push(`${key}: ${error.message}`);
    return null;
  }
}

function effectiveConfig(file: FileConfig, env: Env, source: string | null, cwd: string, location: WarehouseLocation): PulseConfig {
  const hub = file.crm?.hubspot ?? {};
  const sf = file.crm?.salesforce ?? {};
  const segments = (file.thresholds?.segments ?? {}) as Record<string, ThresholdOverrides>;
  return {
    source,
    warehouse: {
      url: env.WAREHOUSE_URL ?? file.warehouse?.url ?? DEFAULT_WAREHOUSE_URL,
      schema: file.warehouse?.schema,
      models: file.warehouse?.models ?? {},
      historyStart: file.warehouse?.history_start,
      location,
    },
    crm: {
      provider: file.crm?.provider ?? 'dry-run',
      hubspot: {
        baseUrl: env.HUBSPOT_BASE_URL ?? hub.base_url ?? 'https://api.hubapi.com',
        accessToken: env.HUBSPOT_ACCESS_TOKEN,
        clientId: env.HUBSPOT_CLIENT_ID,
        clientSecret: env.HUBSPOT_CLIENT_SECRET,
        authUrl: env.HUBSPOT_AUTH_URL ?? 'https://app.hubspot.com/oauth/authorize',
        refreshToken: env.HUBSPOT_REFRESH_TOKEN,
        tokenExpiresAt: env.HUBSPOT_TOKEN_EXPIRES_AT,
        rateLimitPer10s: hub.rate_limit_per_10s ?? 100,
        matchByDomain: hub.match_by_domain ?? false,
        createMissingCompanies: hub.create_missing_companies ?? false,
      },
      salesforce: {
        instanceUrl: env.SALESFORCE_INSTANCE_URL ?? sf.instance_url,
        loginUrl: env.SALESFORCE_LOGIN_URL ?? sf.login_url ?? 'https://login.salesforce.com',
        accessToken: env.SALESFORCE_ACCESS_TOKEN,
        refreshToken: env.SALESFORCE_REFRESH_TOKEN,
        clientId: env.SALESFORCE_CLIENT_ID,
        clientSecret: env.SALESFORCE_CLIENT_SECRET,
        username: env.SALESFORCE_USERNAME,
        privateKeyPath: env.SALESFORCE_PRIVATE_KEY_PATH === undefined ? undefined : resolve(cwd, env.SALESFORCE_PRIVATE_KEY_PATH),
        apiVersion: env.SALESFORCE_API_VERSION ?? sf.api_version ?? DEFAULT_SALESFORCE_API_VERSION,
        createMissingAccounts: sf.create_missing_accounts ?? false,
        bulkThreshold: sf.bulk_threshold ?? 2000,
        platformEvents: sf.platform_events ?? true,
        maxDailyApiShare: sf.max_daily_api_share ?? 0.8,
      },
    },
    thresholds: {
      default: mergeThresholds(DEFAULT_THRESHOLDS, file.thresholds?.default as ThresholdOverrides | undefined),
      segments,
    },
    playbooksFile: file.playbooks ? resolve(source ? resolve(source, '..') : cwd, file.playbooks) : null,
    schedule: file.schedule ?? '0 6 * * *',
    state: { databaseUrl: env.DATABASE_URL, dir: resolve(cwd, env.PULSE_STATE_DIR ?? '.pulse/state') },
    redisUrl: env.REDIS_URL,
    publicUrl: env.PULSE_PUBLIC_URL,
    adminToken: env.PULSE_ADMIN_TOKEN,
    encryptionKey: env.PULSE_ENCRYPTION_KEY,
    port: env.PORT ?? 3000,
    metricsPort: env.PULSE_METRICS_PORT,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/**
 * The file's raw value with every secret key taken out, each reported through `report` with the
 * environment variable to use instead (so it is not also an "unknown key"); a URL holding a
 * password is reported too. Values are never echoed: the file may be shown to anyone.
 */
function refuseSecrets(value: unknown, path: readonly string[], report: (problem: string) => void): unknown {
  const refuse = (at: readonly string[], isUrl: boolean) =>
    report(`${at.join('.')}: ${isUrl ? 'the URL holds a password; ' : ''}secrets come from the environment only: ${secretHint(at, isUrl)}`);
  if (typeof value === 'string') {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && urlHasPassword(value)) refuse(path, true);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => refuseSecrets(item, [...path, String(i)], report));
  if (typeof value !== 'object' || value === null) return value;
  // Segment names are the warehouse's data, not keys: a segment may be called anything.
  const namesAreData = path.join('.') === 'thresholds.segments';
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!namesAreData && SECRET_KEYS.has(snakeCase(key))) refuse([...path, key], false);
    else kept[key] = refuseSecrets(item, [...path, key], report);
  }
  return kept;
}

/** `accessToken`, `access-token` and `ACCESS_TOKEN` all read as `access_token`. */
function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}

/** `thresholds.segments.smb.trend.growing_pct: expected number, received string`. */
export function describeIssues(error: ZodError, prefix: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(top level)';
    const message = issue.message.replace(/^Invalid (input|option): /, '');
    if (issue.code === 'unrecognized_keys') {
      return `${prefix}${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `${prefix}${path}: ${message}`;
  });
}
