import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/commands/config';
import { maskedConfig } from '../../../src/config/mask';
import { DEFAULT_THRESHOLDS, thresholdsFor } from '../../../src/config/thresholds';
import { isPulseError } from '../../../src/errors';

function dirWith(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-config-'));
  if (yaml !== undefined) writeFileSync(join(dir, 'pulse.config.yaml'), yaml);
  return dir;
}

function loadError(env: NodeJS.ProcessEnv, dir: string): string {
  try {
    loadConfig(env, dir);
  } catch (error) {
    if (isPulseError(error) && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('loadConfig', () => {
  it('runs on defaults with no file and no environment', () => {
    const config = loadConfig({}, dirWith());
    expect(config.warehouse.url).toBe('duckdb:.pulse/warehouse.duckdb');
    expect(config.crm.provider).toBe('dry-run');
    expect(config.thresholds.default).toEqual(DEFAULT_THRESHOLDS);
    expect(config.source).toBeNull();
  });

  it('crm.provider names a CRM of the registry; the API version follows one rule from the file and the environment', () => {
    expect(loadConfig({}, dirWith('crm:\n  provider: hubspot\n')).crm.provider).toBe('hubspot');
    expect(loadError({}, dirWith('crm:\n  provider: pipedrive\n'))).toMatch(/crm\.provider: expected one of "hubspot"\|"salesforce"\|"dry-run"/);
    expect(loadConfig({}, dirWith()).crm.salesforce.apiVersion).toBe('60.0');
    expect(loadError({ SALESFORCE_API_VERSION: '60.1' }, dirWith())).toMatch(/SALESFORCE_API_VERSION: expected a Salesforce API version like 60\.0/);
    expect(loadError({}, dirWith('crm:\n  salesforce:\n    api_version: "6.0"\n'))).toMatch(/crm\.salesforce\.api_version: expected a Salesforce API version/);
  });

  it('merges file thresholds over the defaults, per segment too', () => {
    const dir = dirWith(
      ['thresholds:', '  default:', '    trend: { growing_pct: 15 }', '  segments:', '    smb:', '      coverage: { high_touch_arr: 50000 }'].join('\n'),
    );
    const config = loadConfig({}, dir);
    expect(config.thresholds.default.trend).toEqual({ growing_pct: 15, declining_pct: -10, new_tenure_days: 60 });
    expect(thresholdsFor('smb', config.thresholds).coverage.high_touch_arr).toBe(50000);
    expect(thresholdsFor('smb', config.thresholds).trend.growing_pct).toBe(15);
    expect(thresholdsFor('enterprise', config.thresholds).coverage.high_touch_arr).toBe(100000);
  });

  it('names every bad key with its path and what was expected', () => {
    const dir = dirWith(
      [
        'warehouse:',
        '  url: mysql://nope',
        '  models: { usage_daly: "select 1" }',
        'crm:',
        '  provider: pipedrive',
        '  hubspot: { rate_limit_per_10s: 150 }',
        'thresholds:',
        '  segments:',
        '    smb:',
        '      trend: { growing_pct: "ten" }',
        'schedule: daily',
      ].join('\n'),
    );
    const message = loadError({ HUBSPOT_BASE_URL: 'not a url' }, dir);
    expect(message).toMatch(/invalid configuration \(7 problems\)/);
    expect(message).toContain('env HUBSPOT_BASE_URL: Invalid URL');
    expect(message).toMatch(/pulse\.config\.yaml: warehouse\.url: expected duckdb:PATH or postgres:\/\/\.\.\./);
    expect(message).toMatch(/warehouse\.models: unknown key "usage_daly"/);
    expect(message).toMatch(/crm\.provider: expected one of "hubspot"\|"salesforce"\|"dry-run"/);
    expect(message).toMatch(/crm\.hubspot\.rate_limit_per_10s: expected 100, 110 or 190/);
    expect(message).toMatch(/thresholds\.segments\.smb\.trend\.growing_pct: expected number, received string/);
    expect(message).toMatch(/schedule: expected a 5-field cron expression/);
  });

  it('parses the warehouse URL once: its location travels with the config', () => {
    expect(loadConfig({}, dirWith()).warehouse.location).toEqual({
      dialect: 'duckdb',
      target: '.pulse/warehouse.duckdb',
      displayUrl: 'duckdb:.pulse/warehouse.duckdb',
    });
    const config = loadConfig({ WAREHOUSE_URL: 'postgres://analyst:hunter2@db.internal:5432/dw' }, dirWith('warehouse:\n  url: duckdb:local.duckdb\n'));
    expect(config.warehouse.location).toEqual({
      dialect: 'postgres',
      target: 'postgres://analyst:hunter2@db.internal:5432/dw',
      displayUrl: 'postgres://analyst:***@db.internal:5432/dw',
    });
  });

  it('rejects a warehouse URL whose port is not a number, naming the key and masking the password', () => {
    const fromEnv = loadError({ WAREHOUSE_URL: 'postgres://analyst:hunter2@db.internal:99999x/dw' }, dirWith());
    expect(fromEnv).toMatch(/invalid configuration \(1 problem\)/);
    expect(fromEnv).toContain('env WAREHOUSE_URL: warehouse URL "postgres://analyst:***@db.internal:99999x/dw" is not a valid URL');
    expect(fromEnv).not.toContain('hunter2');

    const fromFile = loadError({ HUBSPOT_BASE_URL: 'not a url' }, dirWith('warehouse:\n  url: postgres://u@h:99999x/db\n'));
    expect(fromFile).toMatch(/invalid configuration \(2 problems\)/);
    expect(fromFile).toMatch(/pulse\.config\.yaml: warehouse\.url: warehouse URL "postgres:\/\/u@h:99999x\/db" is not a valid URL/);
  });

  it('refuses secrets in the file: they belong in the environment', () => {
    const message = loadError({}, dirWith('crm:\n  hubspot:\n    access_token: pat-na1-secret\n'));
    expect(message).toContain('crm.hubspot: unknown key "access_token"');
    expect(message).not.toContain('pat-na1-secret');
  });

  it('reports YAML syntax errors with the file', () => {
    expect(loadError({}, dirWith('warehouse: [unclosed\n'))).toMatch(/pulse\.config\.yaml: .*/);
  });

  it('reports a PULSE_CONFIG path that does not exist', () => {
    expect(loadError({ PULSE_CONFIG: 'missing.yaml' }, dirWith())).toMatch(/env PULSE_CONFIG: file .*missing\.yaml does not exist/);
  });

  it('lets the environment override the file and masks secrets on print', () => {
    const dir = dirWith('warehouse:\n  url: duckdb:local.duckdb\n');
    const config = loadConfig(
      {
        WAREHOUSE_URL: 'postgres://analyst:hunter2@db.internal:5432/dw',
        HUBSPOT_ACCESS_TOKEN: 'pat-na1-0000-secret',
        DATABASE_URL: 'postgres://pulse:s3cret@state:5432/pulse',
      },
      dir,
    );
    expect(config.warehouse.url).toBe('postgres://analyst:hunter2@db.internal:5432/dw');
    const printed = JSON.stringify(maskedConfig(config));
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('pat-na1-0000-secret');
    expect(printed).not.toContain('s3cret');
    expect(printed).toContain('postgres://analyst:***@db.internal:5432/dw');
    expect(Object.keys(maskedConfig(config).warehouse as object)).toEqual(['url', 'schema', 'models']);
  });
});
