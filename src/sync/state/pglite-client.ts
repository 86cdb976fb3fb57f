import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { hasDatabase, initdbInChild } from './pglite-initdb';
import { acquireProcessLock } from './process-lock';
import { sessionTransaction, type SqlClient, type SqlParam, type SqlRow } from './sql';

/** How to create a PGlite: the package's own, unless a caller (a test sandbox) must load it another way. */
export type PgliteCreate = (dir: string | null) => Promise<PGlite>;

const createPglite: PgliteCreate = async (dir) => {
  if (dir === null) return PGlite.create();
  if (!hasDatabase(dir)) await initdbInChild(dir);
  return PGlite.create(dir);
};

/**
 * PGlite (PostgreSQL compiled to WASM) in a local folder, or in memory when `dir` is null. Like the
 * pg client it is one session used by one caller at a time: the engine awaits every statement.
 */
export async function openPglite(dir: string | null, create: PgliteCreate = createPglite): Promise<SqlClient> {
  if (dir !== null) mkdirSync(dir, { recursive: true });
  // Beside the folder, not in it: an empty folder still reads as "no store yet".
  const lock = dir === null ? null : acquireProcessLock(`${dir.replace(/[/\\]+$/, '')}.lock`, `the state store ${dir}`);
  let db: PGlite;
  try {
    db = await create(dir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const query = async (sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> => (await db.query<SqlRow>(sql, [...params])).rows;
  const exec = async (sql: string): Promise<void> => {
    await db.exec(sql);
  };
  const close = async (): Promise<void> => {
    try {
      await db.close();
    } finally {
      lock?.release();
    }
  };
  return { query, exec, transaction: sessionTransaction(query, exec), close };
}
