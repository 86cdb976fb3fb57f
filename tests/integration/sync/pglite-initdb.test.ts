/**
 * The embedded store's database is created by initdb in a child process (src/sync/state/pglite-initdb.ts),
 * so its WASM memory leaves with the child. What the child writes is a database the run then opens.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPulseError } from '../../../src/errors';
import { openPglite } from '../../../src/sync/state/pglite-client';
import { hasDatabase, initdbInChild } from '../../../src/sync/state/pglite-initdb';
import { pgliteOutsideJest } from './pglite-outside-jest';

describe('initdb in a child process', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pulse-initdb-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates a database that opens in this process', async () => {
    const dir = join(scratch, 'state');
    expect(hasDatabase(dir)).toBe(false);
    await initdbInChild(dir);
    expect(hasDatabase(dir)).toBe(true);
    const db = await openPglite(dir, pgliteOutsideJest);
    try {
      expect(await db.query('select current_setting($1) as v', ['server_version_num'])).toEqual([{ v: expect.stringMatching(/^1[5-9]\d{4}$/) }]);
    } finally {
      await db.close();
    }
  });

  it('names the folder and the reason when it cannot create one', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const failure = await initdbInChild(join(file, 'state')).catch((error: unknown) => error);
    expect(isPulseError(failure) && failure.code).toBe('STATE_STORE_FAILED');
    expect((failure as Error).message).toContain(`cannot create the embedded state store in ${join(file, 'state')}: `);
    expect((failure as Error).message).toMatch(/not a directory/);
    expect((failure as { place?: string }).place).toBe(join(file, 'state'));
  });
});
