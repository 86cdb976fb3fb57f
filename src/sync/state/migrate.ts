import { PulseError } from '../../errors';
import { MIGRATIONS, type Migration } from './migrations';
import { num, type SqlClient } from './sql';

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** The applied version, or 0 for an empty database. Reads only. */
export async function schemaVersion(db: SqlClient): Promise<number> {
  const [exists] = await db.query(`select to_regclass('schema_migrations') is not null as present`);
  if (exists?.present !== true) return 0;
  const [row] = await db.query('select coalesce(max(version), 0)::int as version from schema_migrations');
  return row === undefined ? 0 : num(row, 'version');
}

/**
 * Applies every migration above the recorded version, each in its own transaction with its
 * `schema_migrations` row, so a crash mid-migration leaves the previous version intact.
 */
export async function migrate(db: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  await db.query('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
  const current = await schemaVersion(db);
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (current > latest) {
    throw new PulseError('STATE_STORE_FAILED', `the state store is at schema version ${current}, newer than this release knows (${latest}): upgrade Consumption Pulse`);
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
    });
  }
  return latest;
}
