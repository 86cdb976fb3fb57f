/**
 * Creating a PGlite database runs initdb, a WASM module of its own. Its memory (some 400 MB
 * resident here) stays in the process until a major garbage collection happens to reclaim it,
 * seconds later. In a first sync that was while the signals were at their own peak: 1.2 GB in all
 * at 20,000 accounts. Run in a child process, initdb's memory goes back to the OS when the child
 * exits, before the run opens the store.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PulseError } from '../../errors';

/** The child: create the database in the folder, and close it (which writes it out). */
const CREATE = `require(process.argv[1]).PGlite.create(process.argv[2]).then((db) => db.close())`;

/** Whether `dir` holds a database already (initdb writes PG_VERSION first). */
export const hasDatabase = (dir: string): boolean => existsSync(join(dir, 'PG_VERSION'));

export async function initdbInChild(dir: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, ['-e', CREATE, require.resolve('@electric-sql/pglite'), dir], { maxBuffer: 1024 * 1024 });
  } catch (cause) {
    const stderr = String((cause as { stderr?: unknown }).stderr ?? '').trim();
    const reason = stderr.split('\n').find((line) => /Error/.test(line)) ?? (cause as Error).message;
    throw new PulseError('STATE_STORE_FAILED', `cannot create the embedded state store in ${dir}: ${reason}`, {
      place: dir,
      hint: 'check that the folder is writable and empty, or set PULSE_STATE_DIR to another folder',
      cause,
    });
  }
}
