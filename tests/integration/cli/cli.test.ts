import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIGNAL_FIELDS } from '../../../src/domain/signals';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';

const examplesWarehouse = (dir: string) => writeExamplesDuckDb(dir);

describe('pulse CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-cli-'));
  let examples = '';

  beforeAll(async () => {
    examples = await examplesWarehouse(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pulse signals --format json prints one array of flat objects in the contract order', async () => {
    const run = await runCli(['signals', '--warehouse', `duckdb:${examples}`, '--as-of', '2024-02-20', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(24);
    expect(Object.keys(rows[0] as object)).toEqual([...SIGNAL_FIELDS]);
    expect(rows.find((r) => r.account_id === 'acct-0001')).toMatchObject({ spend_30d: 8739.24, trend: 'growing', nrr_pct: 857.9 });
  });

  it('pulse signals --account and --format csv', async () => {
    const run = await runCli(['signals', '--warehouse', `duckdb:${examples}`, '--as-of', '2024-02-20', '--account', 'acct-0002', '--format', 'csv'], { cwd: dir });
    const [header, row, extra] = run.stdout.trim().split('\n');
    expect(header).toBe(SIGNAL_FIELDS.join(','));
    expect(row).toMatch(/^acct-0002,2024-02-20,7539.34,8597.65,/);
    expect(extra).toBeUndefined();
  });

  it('pulse signals as a table fits 120 columns, worst health first', async () => {
    const run = await runCli(['signals', '--warehouse', `duckdb:${examples}`, '--as-of', '2024-02-20'], { cwd: dir });
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120);
    const scores = lines.slice(2).map((l) => Number(l.split(/\s+/)[1])).filter((n) => !Number.isNaN(n));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('pulse report shows tiers, expansion pipeline, NRR by segment and the worst risks', async () => {
    const run = await runCli(['report', '--warehouse', `duckdb:${examples}`, '--as-of', '2024-02-20'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Accounts by health tier and coverage motion');
    expect(run.stdout).toContain('Expansion pipeline by signal');
    expect(run.stdout).toMatch(/portfolio\s+\d+\s+[\d.]+%/);
    expect(run.stdout).toContain('public sector');
    expect(run.stdout).toContain('Where the most ARR is at risk, and why');
  });

  it('pulse playbooks preview --format json lists firings with key, action and figures', async () => {
    const run = await runCli(['playbooks', 'preview', '--warehouse', `duckdb:${examples}`, '--as-of', '2024-02-20', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const firings = JSON.parse(run.stdout) as { account_id: string; playbook: string; action: string; key: string; figures: object }[];
    expect(firings.length).toBeGreaterThan(0);
    for (const f of firings) expect(f.key).toBe(`${f.account_id}:${f.playbook}:2024-02-20`);
    // acct-0002 declines 12.3% in 30 days: consumption_decline fires with the figure that made it.
    expect(firings.find((f) => f.account_id === 'acct-0002' && f.playbook === 'consumption_decline')?.figures).toMatchObject({ trend: 'declining' });
  });

  it('pulse playbooks check names the rule and path of a bad rules file', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nplaybooks:\n  - name: x\n    description: d\n    priority: 1\n    when: { field: trend, op: greater, value: 1 }\n    actions: {}\n');
    const run = await runCli(['playbooks', 'check', file], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/playbook "x" at playbooks\[0\]\.when/);
  });

  it('a broken config stops with every bad key named', async () => {
    const cfgDir = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(join(cfgDir, 'pulse.config.yaml'), 'warehouse:\n  url: oracle://x\ncrm:\n  provider: zoho\n');
    const run = await runCli(['config', 'check'], { cwd: cfgDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/warehouse\.url: expected duckdb:PATH or postgres/);
    expect(run.stderr).toMatch(/crm\.provider: expected one of/);
  });

  it('bad rows are reported with model, key and reason while the good rows still flow', async () => {
    const bad = join(dir, 'bad.duckdb');
    copyFileSync(examples, bad);
    const wh = await openDuckDb({ path: bad, displayUrl: bad, readOnly: false });
    await wh.connection.run(`insert into usage_daily values
      ('acct-0001', date '2024-02-19', 'search', 'support', -5, 1.0),
      ('acct-9999', date '2024-02-19', 'search', 'support', 5, 1.0)`);
    await wh.close();
    const run = await runCli(['signals', '--warehouse', `duckdb:${bad}`, '--as-of', '2024-02-20', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/2 warehouse rows rejected/);
    expect(run.stderr).toMatch(/usage_daily \[acct-0001\|2024-02-19\|search\|support\]: units is negative/);
    expect(run.stderr).toMatch(/acct-9999.*not in accounts/);
    const rows = JSON.parse(run.stdout) as { account_id: string; spend_30d: number }[];
    expect(rows.find((r) => r.account_id === 'acct-0001')?.spend_30d).toBe(8739.24);
  });

  it('pulse demo creates the sample warehouse on first run and prints the summary', async () => {
    const demoDir = mkdtempSync(join(dir, 'demo-'));
    const run = await runCli(['demo'], { cwd: demoDir });
    expect(run.code).toBe(0);
    expect(existsSync(join(demoDir, '.pulse', 'warehouse.duckdb'))).toBe(true);
    expect(run.stdout).toMatch(/sample warehouse written to .pulse\/warehouse.duckdb/);
    expect(run.stdout).toMatch(/Consumption Pulse demo: 200 accounts/);
    expect(run.stdout).toMatch(/Playbooks: \d+ firings/);
  });

  it('unknown commands and bad options fail with a message', async () => {
    const run = await runCli(['signals', '--format', 'xml', '--warehouse', `duckdb:${examples}`], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--format "xml" is not one of table, json, csv/);
  });
});

describe('pulse CLI usage errors', () => {
  it('an unknown option exits non-zero without killing the process, and --help exits 0', async () => {
    const bad = await runCli(['signals', '--frobnicate']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown option '--frobnicate'/);
    const help = await runCli(['sample-data', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--accounts <n>/);
  });
});
