import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPulseError, PulseError } from '../../../src/errors';
import { runCli } from '../../support/run-cli';

/** Every error the CLI prints: `pulse: <what went wrong>: <why> (<where>)`, then a hint line where one exists. */
describe('pulse error messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('name the place on the first line and say what to do on a hint line: sample-data over an existing file', async () => {
    const out = join(dir, 'taken.duckdb');
    writeFileSync(out, '');
    const run = await runCli(['sample-data', '--accounts', '5', '--out', out], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`pulse: cannot write the sample warehouse: the file already exists, nothing was written (${out})\n  hint: pass --replace to overwrite it\n`);
  });

  it('a missing DuckDB warehouse names the key and how to make one', async () => {
    const run = await runCli(['signals', '--warehouse', 'duckdb:missing.duckdb', '--as-of', '2024-02-20'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^pulse: .*DuckDB warehouse file missing\.duckdb does not exist.*\(warehouse\.url\)$/);
    expect(lines[1]).toMatch(/^ {2}hint: run `pulse sample-data`/);
    expect(run.stderr).not.toMatch(/^\s*at: /m);
  });

  it('keep detail lines after the first, leave out a place the message names, and print no stray at: line', () => {
    const failed = new PulseError('WAREHOUSE_QUERY_FAILED', 'DuckDB query failed: Permission Error: no files\n  in: select 1', {
      place: 'duckdb:w.duckdb',
      hint: 'a mapped model query reads only the warehouse',
    });
    expect(formatPulseError(failed)).toBe(
      'pulse: DuckDB query failed: Permission Error: no files (duckdb:w.duckdb)\n  in: select 1\n  hint: a mapped model query reads only the warehouse\n',
    );
    expect(formatPulseError(new PulseError('CONFIG_INVALID', 'warehouse.url: expected duckdb:PATH', { place: 'warehouse.url' }))).toBe(
      'pulse: warehouse.url: expected duckdb:PATH\n',
    );
    expect(formatPulseError(new PulseError('INPUT_INVALID', 'no such thing'))).toBe('pulse: no such thing\n');
  });
});
