import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyFile {
  path: string;
  remove(): void;
}

/**
 * The Salesforce connector reads its JWT key from a file (SALESFORCE_PRIVATE_KEY_PATH) once, when it
 * is built. An installation keeps the key sealed in the store instead, so for a run it is written to a
 * folder only this user can read (mkdtemp makes it 0700, the file 0600), and removed once the connector
 * holds it.
 */
export function writePrivateKeyFile(pem: string): KeyFile {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-key-'));
  const path = join(dir, 'salesforce.pem');
  writeFileSync(path, pem, { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
