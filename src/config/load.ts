import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodError } from 'zod';
import { DEFAULT_WAREHOUSE_URL } from '../../connectors/warehouse/url';
import { PulseError } from '../errors';
import type { PulseConfig } from './config';
import { envSchema, fileConfigSchema, type Env, type FileConfig } from './schema';
import { DEFAULT_THRESHOLDS, mergeThresholds, type ThresholdOverrides } from './thresholds';

export const DEFAULT_CONFIG_FILE = 'pulse.config.yaml';

/**
 * Reads the environment and the optional config file once, at start-up. Every problem is
 * collected before failing, so an admin fixes them all in one pass.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PulseConfig {
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
      const fileResult = fileConfigSchema.safeParse(doc.toJS() ?? {});
      if (fileResult.success) file = fileResult.data;
      else problems.push(...describeIssues(fileResult.error, `${path}: `));
    }
  } else if (explicit !== undefined) {
    problems.push(`env PULSE_CONFIG: file ${path} does not exist`);
  }

  if (problems.length > 0) {
    throw new PulseError('CONFIG_INVALID', `invalid configuration (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  - ${problems.join('\n  - ')}`, {
      place: source ?? 'environment',
    });
  }
  return effectiveConfig(file, parsedEnv, source, cwd);
}

function effectiveConfig(file: FileConfig, env: Env, source: string | null, cwd: string): PulseConfig {
  const hub = file.crm?.hubspot ?? {};
  const sf = file.crm?.salesforce ?? {};
  const segments = (file.thresholds?.segments ?? {}) as Record<string, ThresholdOverrides>;
  return {
    source,
    warehouse: {
      url: env.WAREHOUSE_URL ?? file.warehouse?.url ?? DEFAULT_WAREHOUSE_URL,
      schema: file.warehouse?.schema,
      models: file.warehouse?.models ?? {},
    },
    crm: {
      provider: file.crm?.provider ?? 'dry-run',
      hubspot: {
        baseUrl: env.HUBSPOT_BASE_URL ?? hub.base_url ?? 'https://api.hubapi.com',
        accessToken: env.HUBSPOT_ACCESS_TOKEN,
        rateLimitPer10s: hub.rate_limit_per_10s ?? 100,
        matchByDomain: hub.match_by_domain ?? false,
        createMissingCompanies: hub.create_missing_companies ?? false,
      },
      salesforce: {
        instanceUrl: env.SALESFORCE_INSTANCE_URL ?? sf.instance_url,
        loginUrl: sf.login_url ?? 'https://login.salesforce.com',
        accessToken: env.SALESFORCE_ACCESS_TOKEN,
        apiVersion: env.SALESFORCE_API_VERSION ?? sf.api_version ?? '60.0',
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
    encryptionKey: env.PULSE_ENCRYPTION_KEY,
    port: env.PORT ?? 3000,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
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
