/**
 * The embedded state store (PGlite) across real processes: a second process is refused while the first
 * holds the store, a run killed with SIGKILL is recovered by the next as interrupted with what it wrote,
 * and run ids do not jump. Every `pulse` here is its own Node process, as an admin's would be.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, runCliProcess, spawnTs, waitForLine } from '../../support/child-process';
import { writeExamplesDuckDb } from '../../support/load-fixture';

const AS_OF = '2024-02-20';
/** Each test starts several Node processes that run the sources (transpiled on first use): minutes on a busy machine. */
const PROCESS_TEST_MS = 240_000;

interface RunJson {
  id: number;
  status: string;
  error_code: string | null;
  counts: Record<string, number>;
}

describe('the embedded state store across processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-processes-'));
  let warehouse = '';
  beforeAll(async () => {
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pulse = (cwd: string, ...args: string[]) => runCliProcess(args, { cwd });
  const sync = (cwd: string) => pulse(cwd, 'sync', '--crm', 'dry-run', '--warehouse', warehouse, '--as-of', AS_OF);
  const runs = async (cwd: string): Promise<RunJson[]> => JSON.parse((await pulse(cwd, 'runs', '--format', 'json')).stdout) as RunJson[];

  it('refuses a second process while one holds the store; after a SIGKILL the next run recovers the killed one as interrupted', async () => {
    const cwd = mkdtempSync(join(dir, 'kill-'));
    const holder = spawnTs('tests/integration/sync/hold-store-child.ts', [], { cwd, env: { PULSE_STATE_DIR: join(cwd, '.pulse', 'state') } });
    const exited = finished(holder);
    const [, heldRun] = await waitForLine(holder, /ready (\d+)/);

    const refused = await sync(cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`state store .* is in use by another pulse process \\(pid ${holder.pid}\\): wait for it to finish`));
    expect(refused.stderr).not.toMatch(/unexpected error/);

    holder.kill('SIGKILL');
    expect((await exited).code).toBeNull();
    // The lock file of the dead process is left behind; the next process takes it over.
    expect(existsSync(join(cwd, '.pulse', 'state.lock'))).toBe(true);

    const next = await sync(cwd);
    expect(next.stderr).not.toMatch(/unexpected error/);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(new RegExp(`Run ${Number(heldRun) + 1}: 24 accounts read`));

    const history = await runs(cwd);
    expect(history.map((r) => [r.id, r.status])).toEqual([[Number(heldRun) + 1, 'succeeded'], [Number(heldRun), 'interrupted']]);
    expect(history[1]).toMatchObject({ error_code: 'INTERRUPTED', counts: expect.objectContaining({ accounts_read: 7, written: 1 }) });
    expect(existsSync(join(cwd, '.pulse', 'state.lock'))).toBe(false);
  }, PROCESS_TEST_MS);

  it('two syncs started together: one runs, the other is refused with a clear message, and the store stays readable', async () => {
    const cwd = mkdtempSync(join(dir, 'race-'));
    const [a, b] = await Promise.all([sync(cwd), sync(cwd)]);
    const outcomes = [a, b].map((r) => r.code);
    // Both may succeed only one after the other (the first had finished before the second opened the store).
    for (const run of [a, b]) {
      if (run.code !== 0) expect(run.stderr).toMatch(/is in use by another pulse process \(pid \d+\)/);
      expect(run.stderr).not.toMatch(/unexpected error|Aborted/);
    }
    expect(outcomes).toContain(0);
    const history = await runs(cwd);
    expect(history.filter((r) => r.status === 'succeeded')).toHaveLength(outcomes.filter((code) => code === 0).length);
    expect(history.every((r) => r.status === 'succeeded')).toBe(true);
  }, PROCESS_TEST_MS);
});
