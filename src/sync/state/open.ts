import { existsSync, readdirSync } from 'node:fs';
import { isPulseError, PulseError } from '../../errors';
import { LATEST_VERSION, migrate, schemaVersion } from './migrate';
import type { SqlClient } from './sql';
import { sqlStateStore } from './sql-store';
import type { StateStore } from './types';

export interface StateLocation {
  /** PostgreSQL; when absent, PGlite in `dir`. */
  databaseUrl?: string;
  /** The embedded store's folder. @defaultValue .pulse/state (from the config) */
  dir: string;
}

async function connect(location: StateLocation): Promise<SqlClient> {
  try {
    // Only the engine in use is loaded.
    if (location.databaseUrl) return await (await import('./pg-client')).connectPostgres(location.databaseUrl);
    return await (await import('./pglite-client')).openPglite(location.dir);
  } catch (cause) {
    if (isPulseError(cause)) throw cause;
    const where = location.databaseUrl ? 'DATABASE_URL' : location.dir;
    throw new PulseError('STATE_STORE_FAILED', `cannot open the state store (${where}): ${(cause as Error).message}`, { place: where, cause });
  }
}

/** Opens the store for a run: migrations are applied first, so every run sees the latest schema. */
export async function openStateStore(location: StateLocation): Promise<StateStore> {
  const db = await connect(location);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return sqlStateStore(db);
}

/** Whether a store is there to open: PostgreSQL always is; the embedded one once a run has created its folder. */
export function stateStoreExists(location: StateLocation): boolean {
  return location.databaseUrl !== undefined && location.databaseUrl !== '' ? true : existsSync(location.dir) && readdirSync(location.dir).length > 0;
}

/**
 * Opens the store for reading only (`pulse plan`, `pulse runs`): no folder is created, no migration
 * is applied, and the session refuses writes at the database level. Null when there is no store yet.
 */
export async function openStateStoreReadOnly(location: StateLocation): Promise<StateStore | null> {
  if (!stateStoreExists(location)) return null;
  const db = await connect(location);
  try {
    await db.query('set default_transaction_read_only = on');
    const version = await schemaVersion(db);
    if (version === 0) {
      await db.close();
      return null;
    }
    if (version !== LATEST_VERSION) {
      throw new PulseError('STATE_STORE_FAILED', `the state store is at schema version ${version}, this release expects ${LATEST_VERSION}: run \`pulse sync\` once to migrate it`);
    }
    return sqlStateStore(db, { readOnly: true });
  } catch (error) {
    await db.close();
    throw error;
  }
}
