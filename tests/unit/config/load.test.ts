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
    expect(loadConfig({}, dirWith()).crm.salesforce.apiVersion).toBe('62.0');
    expect(loadError({ SALESFORCE_API_VERSION: '60.1' }, dirWith())).toMatch(/SALESFORCE_API_VERSION: expected a Salesforce API version like 60\.0/);
    expect(loadError({}, dirWith('crm:\n  salesforce:\n    api_version: "6.0"\n'))).toMatch(/crm\.salesforce\.api_version: expected a Salesforce API version/);
  });

  it('reads the Salesforce options from the file and its credentials from the environment only', () => {
    const dir = dirWith('crm:\n  salesforce:\n    create_missing_accounts: true\n    bulk_threshold: 500\n    platform_events: false\n    max_daily_api_share: 0.5\n');
    const env = {
      SALESFORCE_LOGIN_URL: 'https://test.salesforce.com',
      SALESFORCE_REFRESH_TOKEN: 'refresh-value',
      SALESFORCE_CLIENT_ID: 'client-id',
      SALESFORCE_CLIENT_SECRET: 'client-secret-value',
      SALESFORCE_USERNAME: 'integration@example.com',
      SALESFORCE_PRIVATE_KEY_PATH: 'keys/pulse.pem',
    };
    const sf = loadConfig(env, dir).crm.salesforce;
    expect(sf).toMatchObject({
      loginUrl: 'https://test.salesforce.com',
      refreshToken: 'refresh-value',
      clientId: 'client-id',
      clientSecret: 'client-secret-value',
      username: 'integration@example.com',
      privateKeyPath: join(dir, 'keys/pulse.pem'),
      createMissingAccounts: true,
      bulkThreshold: 500,
      platformEvents: false,
      maxDailyApiShare: 0.5,
    });
    const printed = JSON.stringify(maskedConfig(loadConfig(env, dir)));
    expect(printed).not.toMatch(/refresh-value|client-secret-value/);
    expect(loadError({}, dirWith('crm:\n  salesforce:\n    max_daily_api_share: 1.5\n'))).toMatch(/crm\.salesforce\.max_daily_api_share: expected a share above 0 and at most 1/);
    expect(loadError({}, dirWith('crm:\n  salesforce:\n    bulk_threshold: 0\n'))).toMatch(/crm\.salesforce\.bulk_threshold/);
    expect(loadError({}, dirWith('crm:\n  salesforce:\n    refresh_token: abc\n'))).toMatch(/secrets come from the environment only: set SALESFORCE_REFRESH_TOKEN/);
    expect(loadError({}, dirWith('crm:\n  salesforce:\n    clientSecret: abc\n'))).toMatch(/set SALESFORCE_CLIENT_SECRET/);
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

  it.each([
    ['crm:\n  hubspot:\n    access_token: pat-na1-secret\n', 'crm.hubspot.access_token', 'set HUBSPOT_ACCESS_TOKEN'],
    ['crm:\n  hubspot:\n    token: pat-na1-secret\n', 'crm.hubspot.token', 'set HUBSPOT_ACCESS_TOKEN'],
    ['crm:\n  hubspot:\n    accessToken: pat-na1-secret\n', 'crm.hubspot.accessToken', 'set HUBSPOT_ACCESS_TOKEN'],
    ['crm:\n  hubspot:\n    refresh_token: na1-secret\n', 'crm.hubspot.refresh_token', 'set HUBSPOT_REFRESH_TOKEN'],
    ['crm:\n  hubspot:\n    clientSecret: cs-secret\n', 'crm.hubspot.clientSecret', 'set HUBSPOT_CLIENT_SECRET'],
    ['crm:\n  salesforce:\n    access_token: 00D-secret\n', 'crm.salesforce.access_token', 'set SALESFORCE_ACCESS_TOKEN'],
    ['crm:\n  salesforce:\n    refresh_token: 5Aep-secret\n', 'crm.salesforce.refresh_token', 'set SALESFORCE_REFRESH_TOKEN'],
    ['crm:\n  salesforce:\n    client_secret: cs-secret\n', 'crm.salesforce.client_secret', 'set SALESFORCE_CLIENT_SECRET'],
    ['warehouse:\n  password: pg-secret\n', 'warehouse.password', 'set WAREHOUSE_URL (or leave the password out of the URL and put it in PGPASSWORD or ~/.pgpass)'],
    ['encryption_key: 00-secret\n', 'encryption_key', 'set PULSE_ENCRYPTION_KEY'],
    ['password: top-secret\n', 'password', 'set HUBSPOT_ACCESS_TOKEN, SALESFORCE_ACCESS_TOKEN, WAREHOUSE_URL'],
  ])('refuses a secret key in the file, naming the variable to set and never its value: %j', (yaml, key, hint) => {
    const message = loadError({}, dirWith(yaml));
    expect(message).toMatch(/invalid configuration \(1 problem\)/);
    expect(message).toContain(`pulse.config.yaml: ${key}: secrets come from the environment only: ${hint}`);
    expect(message).not.toMatch(/unknown key/);
    expect(message).not.toContain('-secret');
  });

  it('refuses a password inside warehouse.url (or any URL) in the file, naming the variable, never echoing it', () => {
    const message = loadError({}, dirWith('warehouse:\n  url: postgres://analyst:hunter2@db.internal:5432/dw\n'));
    expect(message).toMatch(/invalid configuration \(1 problem\)/);
    expect(message).toContain(
      'pulse.config.yaml: warehouse.url: the URL holds a password; secrets come from the environment only: set WAREHOUSE_URL (or leave the password out of the URL and put it in PGPASSWORD or ~/.pgpass)',
    );
    expect(message).not.toContain('hunter2');
    expect(loadError({}, dirWith('warehouse:\n  url: postgres://db.internal/dw?password=hunter2\n'))).toContain('warehouse.url: the URL holds a password');
    expect(loadError({}, dirWith('crm:\n  hubspot:\n    base_url: https://u:hunter2@proxy.internal\n'))).toContain(
      'crm.hubspot.base_url: the URL holds a password; secrets come from the environment only: set HUBSPOT_BASE_URL',
    );
    // Without a password the URL stays in the file, and one in the environment is where it belongs.
    expect(loadConfig({}, dirWith('warehouse:\n  url: postgres://analyst@db.internal:5432/dw\n')).warehouse.url).toBe('postgres://analyst@db.internal:5432/dw');
    expect(loadConfig({ WAREHOUSE_URL: 'postgres://analyst:hunter2@db.internal/dw' }, dirWith()).warehouse.location.dialect).toBe('postgres');
  });

  it('takes segment names as data: a segment may be called "token"', () => {
    const config = loadConfig({}, dirWith('thresholds:\n  segments:\n    token:\n      trend: { growing_pct: 12 }\n'));
    expect(config.thresholds.segments.token).toEqual({ trend: { growing_pct: 12 } });
  });

  it('reads warehouse.history_start as a YYYY-MM-DD day and refuses anything else', () => {
    expect(loadConfig({}, dirWith()).warehouse.historyStart).toBeUndefined();
    expect(loadConfig({}, dirWith('warehouse:\n  history_start: 2023-01-01\n')).warehouse.historyStart).toBe('2023-01-01');
    expect(loadError({}, dirWith('warehouse:\n  history_start: 2023-02-30\n'))).toContain('pulse.config.yaml: warehouse.history_start: expected a date YYYY-MM-DD');
    expect(loadError({}, dirWith('warehouse:\n  history_start: 01/02/2023\n'))).toContain('warehouse.history_start: expected a date YYYY-MM-DD');
    expect(loadError({}, dirWith('warehouse:\n  history_start: 20230101\n'))).toContain('warehouse.history_start: expected a date YYYY-MM-DD');
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
        REDIS_URL: 'redis://:r3dispw@cache:6379',
      },
      dir,
    );
    expect(config.warehouse.url).toBe('postgres://analyst:hunter2@db.internal:5432/dw');
    const masked = maskedConfig(config);
    const printed = JSON.stringify(masked);
    for (const secret of ['hunter2', 'pat-na1-0000-secret', 's3cret', 'r3dispw']) expect(printed).not.toContain(secret);
    expect(masked).toMatchObject({
      warehouse: { url: 'postgres://analyst:***@db.internal:5432/dw' },
      environment: {
        HUBSPOT_ACCESS_TOKEN: '*** (set)',
        DATABASE_URL: 'postgres://pulse:***@state:5432/pulse',
        REDIS_URL: 'redis://:***@cache:6379',
      },
    });
  });

  it('reads an OAuth installation of HubSpot from the environment and masks its secrets', () => {
    const config = loadConfig(
      {
        HUBSPOT_CLIENT_ID: 'app-client-id',
        HUBSPOT_CLIENT_SECRET: 'app-secret-0001',
        HUBSPOT_REFRESH_TOKEN: 'na1-refresh-0002',
        HUBSPOT_ACCESS_TOKEN: 'oauth-access-0003',
        HUBSPOT_TOKEN_EXPIRES_AT: '2026-03-01T12:00:00Z',
      },
      dirWith(),
    );
    expect(config.crm.hubspot).toMatchObject({
      clientId: 'app-client-id',
      clientSecret: 'app-secret-0001',
      authUrl: 'https://app.hubspot.com/oauth/authorize',
      refreshToken: 'na1-refresh-0002',
      accessToken: 'oauth-access-0003',
      tokenExpiresAt: '2026-03-01T12:00:00Z',
    });
    const masked = maskedConfig(config);
    const printed = JSON.stringify(masked);
    for (const secret of ['app-secret-0001', 'na1-refresh-0002', 'oauth-access-0003']) expect(printed).not.toContain(secret);
    expect(masked.environment).toMatchObject({
      HUBSPOT_CLIENT_ID: 'app-client-id',
      HUBSPOT_CLIENT_SECRET: '*** (set)',
      HUBSPOT_AUTH_URL: 'https://app.hubspot.com/oauth/authorize',
      HUBSPOT_REFRESH_TOKEN: '*** (set)',
      HUBSPOT_TOKEN_EXPIRES_AT: '2026-03-01T12:00:00Z',
    });
  });

  it('refuses a token expiry that is not an instant, and an auth URL that is not a URL', () => {
    const message = loadError({ HUBSPOT_TOKEN_EXPIRES_AT: 'tomorrow', HUBSPOT_AUTH_URL: 'consent page' }, dirWith());
    expect(message).toMatch(/HUBSPOT_TOKEN_EXPIRES_AT: expected an ISO-8601 instant/);
    expect(message).toMatch(/HUBSPOT_AUTH_URL/);
  });

  it('masks every URL it prints, whichever key holds it', () => {
    const config = loadConfig({ HUBSPOT_BASE_URL: 'https://svc:pr0xypw@proxy.internal/hubspot' }, dirWith());
    const masked = maskedConfig(config) as { crm: { hubspot: { base_url: string } } };
    expect(masked.crm.hubspot.base_url).toBe('https://svc:***@proxy.internal/hubspot');
  });

  it('prints keys as pulse.config.yaml spells them; settings only the environment holds, by variable name', () => {
    const config = loadConfig(
      {},
      dirWith('warehouse:\n  history_start: 2023-01-01\ncrm:\n  hubspot:\n    match_by_domain: true\n    rate_limit_per_10s: 190\nplaybooks: rules.yaml\n'),
    );
    const masked = maskedConfig(config);
    expect(Object.keys(masked)).toEqual(['source', 'warehouse', 'crm', 'thresholds', 'playbooks', 'schedule', 'environment']);
    expect(masked.warehouse).toEqual({ url: 'duckdb:.pulse/warehouse.duckdb', schema: undefined, models: {}, history_start: '2023-01-01' });
    expect(masked.crm).toMatchObject({
      hubspot: { base_url: 'https://api.hubapi.com', rate_limit_per_10s: 190, match_by_domain: true, create_missing_companies: false },
      salesforce: {
        login_url: 'https://login.salesforce.com',
        api_version: '62.0',
        create_missing_accounts: false,
        bulk_threshold: 2000,
        platform_events: true,
        max_daily_api_share: 0.8,
      },
    });
    expect(masked.playbooks).toMatch(/rules\.yaml$/);
    expect(Object.keys(masked.environment as object)).toEqual([
      'HUBSPOT_ACCESS_TOKEN', 'HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_AUTH_URL', 'HUBSPOT_REFRESH_TOKEN', 'HUBSPOT_TOKEN_EXPIRES_AT',
      'SALESFORCE_ACCESS_TOKEN', 'SALESFORCE_REFRESH_TOKEN', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET',
      'SALESFORCE_USERNAME', 'SALESFORCE_PRIVATE_KEY_PATH', 'PULSE_PUBLIC_URL', 'PULSE_ADMIN_TOKEN', 'PULSE_ENCRYPTION_KEY', 'DATABASE_URL', 'PULSE_STATE_DIR',
      'REDIS_URL', 'PORT', 'PULSE_METRICS_PORT', 'LOG_LEVEL',
    ]);
    const keys = (value: unknown): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]) : [];
    expect(keys(masked).filter((k) => /[a-z][A-Z]/.test(k))).toEqual([]);
  });
});
