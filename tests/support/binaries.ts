import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds a server binary on PATH or in the usual install folders, or fails with a message that
 * names the missing binary and how to get it: the harness must never hang on a service that
 * cannot start.
 */
export function findBinary(name: string, hint: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin', '/usr/sbin'];
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql')) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error(`test harness: the binary "${name}" was not found on PATH or in /usr/local/bin, /usr/lib/postgresql/*/bin. ${hint}`);
}
