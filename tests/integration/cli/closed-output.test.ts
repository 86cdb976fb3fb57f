import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliIntoClosedOutput, runShell } from '../../support/child-process';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

const AS_OF = '2024-02-20';

/** `pulse ... | head`: the reader has what it wants and goes; the command ends quietly, exit 0. */
describe('a closed output ends a command quietly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-closed-output-'));
  let examples = '';
  beforeAll(async () => {
    examples = await writeExamplesDuckDb(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pulse signals --format csv', async () => {
    const run = await runCliIntoClosedOutput(['signals', '--warehouse', `duckdb:${examples}`, '--as-of', AS_OF, '--format', 'csv'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('pulse demo', async () => {
    const run = await runCliIntoClosedOutput(['demo', '--path', examples], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('pulse runs show', async () => {
    const env = { DATABASE_URL: await testDatabaseUrl('closed_output') };
    const cwd = mkdtempSync(join(dir, 'runs-'));
    expect((await runCli(['sync', '--crm', 'dry-run', '--warehouse', `duckdb:${examples}`, '--as-of', AS_OF], { cwd, env })).code).toBe(0);
    const run = await runCliIntoClosedOutput(['runs', 'show', '1'], { cwd, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('pulse demo | head -1 prints one line', async () => {
    const run = await runShell(`{ pulse demo --path '${examples}'; echo "pulse exited $?" >&2; } | head -1`, { cwd: dir });
    expect(run.stdout.split('\n')).toHaveLength(2);
    expect(run.stderr).toBe('pulse exited 0\n');
  });
});
