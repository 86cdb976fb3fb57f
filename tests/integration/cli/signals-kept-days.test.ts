/**
 * `pulse signals` keeps its first days in the state store when one exists (here PostgreSQL through
 * DATABASE_URL) and never creates the embedded one; `--full` searches the whole history again. The
 * output is the same either way (tests/integration/warehouse/first-days.test.ts holds every field to it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore, warehouseScope } from '../../../src/sync/state';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

describe('pulse signals and the kept first days', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-signals-kept-'));
  let warehouse = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    warehouse = await writeExamplesDuckDb(dir);
  });

  it('creates no embedded store: without one it searches the whole history', async () => {
    const stateDir = join(dir, 'no-store');
    const run = await runCli(['signals', '--warehouse', `duckdb:${warehouse}`, '--as-of', '2024-02-20', '--format', 'json'], { cwd: dir, env: { PULSE_STATE_DIR: stateDir } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(24);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('keeps the days in an existing store under the warehouse, and gives the same output with --full', async () => {
    const url = await testDatabaseUrl('signals_kept');
    const env = { DATABASE_URL: url };
    const args = ['signals', '--warehouse', `duckdb:${warehouse}`, '--format', 'json'];
    const first = await runCli([...args, '--as-of', '2024-02-19'], { cwd: dir, env });
    expect(first.code).toBe(0);
    const kept = await runCli([...args, '--as-of', '2024-02-20'], { cwd: dir, env });
    const full = await runCli([...args, '--as-of', '2024-02-20', '--full'], { cwd: dir, env });
    expect(kept.code).toBe(0);
    expect(kept.stdout).toBe(full.stdout);
    const store = await openStateStore({ databaseUrl: url, dir: '' });
    try {
      const stored = await store.firstDays(warehouseScope(`duckdb:${warehouse}`)).load();
      expect(stored?.searchedThrough).toBe('2024-02-20');
      expect(stored?.accounts.size).toBe(24);
    } finally {
      await store.close();
    }
  });
});
