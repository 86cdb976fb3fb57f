import { DEFAULT_WAREHOUSE_URL, maskUrl, parseWarehouseUrl, urlHasPassword } from '../../../src/config/warehouse-url';
import { isPulseError } from '../../../src/errors';

describe('parseWarehouseUrl', () => {
  it('reads a DuckDB file path, the default included', () => {
    expect(parseWarehouseUrl('duckdb:/data/wh.duckdb')).toEqual({ dialect: 'duckdb', target: '/data/wh.duckdb', displayUrl: 'duckdb:/data/wh.duckdb' });
    expect(parseWarehouseUrl(DEFAULT_WAREHOUSE_URL)).toMatchObject({ dialect: 'duckdb', target: '.pulse/warehouse.duckdb' });
    expect(parseWarehouseUrl('duckdb::memory:').target).toBe(':memory:');
  });

  it('keeps a PostgreSQL connection string as the target and masks it for display', () => {
    const url = 'postgres://pulse:s3cret@db.example.com:5432/analytics';
    expect(parseWarehouseUrl(url)).toEqual({ dialect: 'postgres', target: url, displayUrl: 'postgres://pulse:***@db.example.com:5432/analytics' });
    expect(parseWarehouseUrl('postgresql://db/analytics').dialect).toBe('postgres');
  });

  it.each(['duckdb:', 'mysql://root:pw@db/x', 'snowflake://acct', '/tmp/file.duckdb', ''])('rejects %j as WAREHOUSE_URL_INVALID', (url) => {
    let error: unknown;
    try {
      parseWarehouseUrl(url);
    } catch (e) {
      error = e;
    }
    expect(isPulseError(error) && error.code).toBe('WAREHOUSE_URL_INVALID');
    expect(isPulseError(error) && error.place).toBe('warehouse.url');
  });

  it.each(['postgres://u@h:99999x/db', 'postgres://u:hunter2@h:99999/db', 'postgresql://u@h:port/db'])(
    'rejects %j, whose port is not a number a connection can use, before any connection',
    (url) => {
      let error: unknown;
      try {
        parseWarehouseUrl(url, 'env WAREHOUSE_URL');
      } catch (e) {
        error = e;
      }
      expect(isPulseError(error) && error.code).toBe('WAREHOUSE_URL_INVALID');
      expect(isPulseError(error) && error.place).toBe('env WAREHOUSE_URL');
      expect(isPulseError(error) && error.message).toContain(maskUrl(url));
      expect(isPulseError(error) && error.message).not.toContain('hunter2');
    },
  );

  it('accepts the PostgreSQL forms pg reads: no host (libpq default), a socket directory, IPv6, a password parameter', () => {
    for (const url of ['postgres://u@/db', 'postgresql:///db?host=/var/run/postgresql', 'postgres://u@[::1]:5432/db', 'postgres://h/db?password=x']) {
      expect(parseWarehouseUrl(url)).toMatchObject({ dialect: 'postgres', target: url });
    }
  });

  it('never puts a password into its error message', () => {
    expect(() => parseWarehouseUrl('mysql://root:hunter2@db/x')).toThrow(/mysql:\/\/root:\*\*\*@db\/x/);
    expect(() => parseWarehouseUrl('mysql://root:hunter2@db/x')).not.toThrow(/hunter2/);
  });
});

describe('maskUrl', () => {
  it('hides the password in the user info and in a password parameter', () => {
    expect(maskUrl('postgres://u:p%40ss@host/db')).toBe('postgres://u:***@host/db');
    expect(maskUrl('postgres://host/db?user=u&password=secret&sslmode=require')).toBe('postgres://host/db?user=u&password=***&sslmode=require');
  });

  it('leaves a URL without a password as it is', () => {
    expect(maskUrl('postgres://u@host:5432/db')).toBe('postgres://u@host:5432/db');
    expect(maskUrl('duckdb:.pulse/warehouse.duckdb')).toBe('duckdb:.pulse/warehouse.duckdb');
  });
});

describe('maskUrl on the URLs config check prints', () => {
  it.each([
    ['redis://:pw@host:6379', 'redis://:***@host:6379'],
    ['rediss://default:pw@host:6380/0', 'rediss://default:***@host:6380/0'],
    ['postgres://user:pw@host/db', 'postgres://user:***@host/db'],
    ['postgres://user:p@ss:w0rd@host/db', 'postgres://user:***@host/db'],
    ['https://svc:pw@proxy.internal/hubspot?x=1', 'https://svc:***@proxy.internal/hubspot?x=1'],
  ])('masks %j as %j', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it('leaves a user without a password, an empty password and an @ in the path alone', () => {
    for (const url of ['redis://host:6379', 'redis://u@host:6379', 'postgres://u:@host/db', 'https://host/a:b@c']) expect(maskUrl(url)).toBe(url);
  });

  it('says whether a URL carries a password', () => {
    expect(urlHasPassword('redis://:pw@host:6379')).toBe(true);
    expect(urlHasPassword('postgres://h/db?sslmode=require&password=x')).toBe(true);
    expect(urlHasPassword('postgres://u@h/db')).toBe(false);
    expect(urlHasPassword('postgres://h/db?password=')).toBe(false);
  });
});
