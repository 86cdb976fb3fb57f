import { PulseError } from '../../src/errors';
import type { Dialect } from './types';

export interface WarehouseLocation {
  dialect: Dialect;
  /** duckdb: a file path (or ':memory:'); postgres: the connection string. */
  target: string;
  displayUrl: string;
}

export const DEFAULT_WAREHOUSE_URL = 'duckdb:.pulse/warehouse.duckdb';

/** `duckdb:PATH` or `postgres://...`; anything else is a config error naming the URL (masked). */
export function parseWarehouseUrl(url: string): WarehouseLocation {
  if (url.startsWith('duckdb:')) {
    const target = url.slice('duckdb:'.length);
    if (target.length === 0) {
      throw new PulseError('WAREHOUSE_URL_INVALID', 'warehouse URL "duckdb:" has no file path; expected duckdb:PATH', { place: 'warehouse.url' });
    }
    return { dialect: 'duckdb', target, displayUrl: url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { dialect: 'postgres', target: url, displayUrl: maskUrl(url) };
  }
  throw new PulseError(
    'WAREHOUSE_URL_INVALID',
    `warehouse URL "${maskUrl(url)}" is not supported; expected duckdb:PATH or postgres://user@host:port/db`,
    { place: 'warehouse.url' },
  );
}

/** Hides the password of a URL so it can be logged. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@').replace(/([?&]password=)[^&]*/i, '$1***');
}
