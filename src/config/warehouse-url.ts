import { PulseError } from '../errors';
import type { Dialect } from '../warehouse/port';

/** Where the warehouse is: what config loading reads from a warehouse URL, once, at start-up. */
export interface WarehouseLocation {
  dialect: Dialect;
  /** duckdb: a file path (or ':memory:'); postgres: the connection string. */
  target: string;
  /** The URL with any password masked, for logs and errors. */
  displayUrl: string;
}

export const DEFAULT_WAREHOUSE_URL = 'duckdb:.pulse/warehouse.duckdb';

/**
 * `duckdb:PATH` or `postgres://...`; anything else is a WAREHOUSE_URL_INVALID error naming the URL
 * (masked) and `place`, the key or flag it came from.
 */
export function parseWarehouseUrl(url: string, place = 'warehouse.url'): WarehouseLocation {
  if (url.startsWith('duckdb:')) {
    const target = url.slice('duckdb:'.length);
    if (target.length === 0) {
      throw new PulseError('WAREHOUSE_URL_INVALID', 'warehouse URL "duckdb:" has no file path; expected duckdb:PATH', { place });
    }
    return { dialect: 'duckdb', target, displayUrl: url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!parsesAsUrl(url)) {
      throw new PulseError(
        'WAREHOUSE_URL_INVALID',
        `warehouse URL "${maskUrl(url)}" is not a valid URL; expected postgres://user@host:port/db, the port a number from 1 to 65535`,
        { place },
      );
    }
    return { dialect: 'postgres', target: url, displayUrl: maskUrl(url) };
  }
  throw new PulseError(
    'WAREHOUSE_URL_INVALID',
    `warehouse URL "${maskUrl(url)}" is not supported; expected duckdb:PATH or postgres://user@host:port/db`,
    { place },
  );
}

/**
 * pg reads a connection string with the WHATWG URL parser, so one it rejects (a port that is not a
 * number, for one) would only fail at the first connection. An empty host (`postgres://user@/db`,
 * libpq's default host) is not a WHATWG URL: pg reads it with a placeholder host, and so do we.
 */
function parsesAsUrl(url: string): boolean {
  return URL.canParse(url) || URL.canParse(url.replace('@/', '@localhost/'));
}

/**
 * Hides the password of a URL so it can be logged: the user info's password (`user:pw@`, and
 * `:pw@` with no user, as in `redis://:pw@host`) and a `password=` parameter. The user info ends at
 * the last `@` of the authority, as URL parsers read it, so an unencoded `@` in a password is hidden
 * too.
 */
export function maskUrl(url: string): string {
  const user = userInfoPassword(url);
  const masked = user === null ? url : `${url.slice(0, user.start)}***${url.slice(user.end)}`;
  return masked.replace(PASSWORD_PARAM, '$1***');
}

/** Whether a URL carries a password (in its user info or a `password=` parameter). */
export function urlHasPassword(url: string): boolean {
  return userInfoPassword(url) !== null || new RegExp(PASSWORD_PARAM.source, 'i').test(url);
}

const PASSWORD_PARAM = /([?&]password=)[^&#]+/gi;

/** Where the user info's password is, or null when there is none (an empty one is none). */
function userInfoPassword(url: string): { start: number; end: number } | null {
  const slashes = url.indexOf('//');
  if (slashes < 0) return null;
  const from = slashes + 2;
  const authorityEnd = url.slice(from).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(from) : url.slice(from, from + authorityEnd);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (at < 0 || colon < 0 || colon + 1 >= at) return null;
  return { start: from + colon + 1, end: from + at };
}
