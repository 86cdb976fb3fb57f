import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { PulseError } from '../../errors';

export interface ProcessLock {
  release(): void;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * A lock file held by one process at a time. The embedded store (PGlite) is a single-process database:
 * two processes opening one folder overwrite each other's pages, so the second is refused before it
 * opens anything. A lock left by a process that died is taken over. Released on close and at exit.
 */
export function acquireProcessLock(path: string, what: string): ProcessLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path)) {
      const onExit = () => removeIfOurs(path);
      process.once('exit', onExit);
      return {
        release() {
          process.removeListener('exit', onExit);
          removeIfOurs(path);
        },
      };
    }
    const holder = holderOf(path);
    if (holder !== null && alive(holder)) {
      const who = holder === process.pid ? 'this process' : `another pulse process (pid ${holder})`;
      throw new PulseError(
        'STATE_STORE_BUSY',
        `${what} is in use by ${who}: wait for it to finish. The embedded store serves one process at a time; ` +
          'set DATABASE_URL to a PostgreSQL database to run several side by side',
        { place: path },
      );
    }
    // The holder died without cleaning up: take the lock over (a racer that wins first is seen alive next time).
    removeIfOurs(path, holder);
  }
  throw new PulseError('STATE_STORE_BUSY', `${what} is locked by ${path}, which could not be taken over: remove it if no pulse process is running`, { place: path });
}

function removeIfOurs(path: string, owner: number | null = process.pid): void {
  if (holderOf(path) !== owner) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
