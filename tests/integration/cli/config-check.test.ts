import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';

/** `pulse config check` checks what the run will check, before the run does. */
describe('pulse config check', () => {
  const root = mkdtempSync(join(tmpdir(), 'pulse-config-check-'));
  let examples = '';

  beforeAll(async () => {
    examples = await writeExamplesDuckDb(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A project directory holding `pulse.config.yaml` (pointing at the examples warehouse) and `files`. */
  function project(config: string[], files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(root, 'project-'));
    writeFileSync(join(dir, 'pulse.config.yaml'), [`warehouse:`, `  url: duckdb:${examples}`, ...config].join('\n') + '\n');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  const check = (dir: string, args: string[] = [], env: Record<string, string> = {}) => runCli(['config', 'check', ...args], { cwd: dir, env });

  it('passes a good config after probing every model in the warehouse, and prints keys as the file spells them', async () => {
    const dir = project(['  history_start: 2023-06-01', 'crm:', '  hubspot:', '    match_by_domain: true', '    rate_limit_per_10s: 110']);
    const run = await check(dir, [], { REDIS_URL: 'redis://:r3dispw@cache.internal:6379', DATABASE_URL: 'postgres://pulse:s3cret@state/pulse' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^config OK \(playbooks, model mappings and the columns in duckdb:.*examples\.duckdb checked\)/);
    expect(run.stdout).toMatch(/^ {2}history_start: 2023-06-01$/m);
    expect(run.stdout).toMatch(/^ {4}rate_limit_per_10s: 110$/m);
    expect(run.stdout).toMatch(/^ {4}match_by_domain: true$/m);
    expect(run.stdout).toMatch(/^ {4}create_missing_companies: false$/m);
    expect(run.stdout).not.toMatch(/rateLimitPer10s|matchByDomain|historyStart|playbooksFile|redisUrl/);
    expect(run.stdout).toContain('REDIS_URL: redis://:***@cache.internal:6379');
    expect(run.stdout).toContain('DATABASE_URL: postgres://pulse:***@state/pulse');
    expect(run.stdout).not.toMatch(/r3dispw|s3cret/);
  });

  it('reports a playbooks file that is missing', async () => {
    const run = await check(project(['playbooks: nowhere.yaml']));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/config check found 1 problem:\n {2}- playbooks: rules file .*nowhere\.yaml: cannot be read/);
    expect(run.stdout).toBe('');
  });

  it('reports every error of a playbooks file', async () => {
    const rules = 'version: 1\nplaybooks:\n  - name: x\n    description: d\n    priority: 1\n    when: { field: trend, op: greater, value: 1 }\n    actions: {}\n';
    const run = await check(project(['playbooks: rules.yaml'], { 'rules.yaml': rules }), ['--offline']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/- playbooks: .*rules\.yaml/);
    expect(run.stderr).toMatch(/playbook "x" at playbooks\[0\]\.when/);
  });

  it('refuses mapped queries the run refuses, with the warehouse and without it, listing every problem', async () => {
    const dir = project([
      '  models:',
      '    usage_daily: drop table usage_daily',
      '    commitments: "select * from commitments; drop table accounts"',
      '    outcomes_daily: select * from outcomes_daily where 1 = (delete from accounts)',
    ]);
    for (const args of [[], ['--offline']]) {
      const run = await check(dir, args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('config check found 3 problems');
      expect(run.stderr).toMatch(/warehouse\.models\.usage_daily: "drop table usage_daily" is not a valid table name/);
      expect(run.stderr).toMatch(/warehouse\.models\.commitments: a model query must be a single statement/);
      expect(run.stderr).toMatch(/warehouse\.models\.outcomes_daily: a model query must only read/);
    }
  });

  it('probes the mapped columns against the contract: a missing required column fails; --offline skips the warehouse', async () => {
    const dir = project(['  models:', '    usage_daily: select account_id, day, use_case, team, units from usage_daily']);
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/warehouse\.models\.usage_daily: the source lacks the column\(s\) cost_usd/);

    const offline = await check(dir, ['--offline']);
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/^config OK \(playbooks and model mappings checked; --offline: warehouse not opened\)/);
  });

  it('reports a warehouse it cannot open, and a mapped table that is not there', async () => {
    const gone = mkdtempSync(join(root, 'project-'));
    writeFileSync(join(gone, 'pulse.config.yaml'), 'warehouse:\n  url: duckdb:missing.duckdb\n');
    const unopened = await check(gone);
    expect(unopened.code).toBe(1);
    expect(unopened.stderr).toMatch(/warehouse duckdb:missing\.duckdb: DuckDB warehouse file missing\.duckdb does not exist.* — pass --offline to check the rest without it/);
    expect((await check(gone, ['--offline'])).code).toBe(0);

    const run = await check(project(['  models:', '    commitments: finance.commitments']));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/warehouse\.models\.commitments: table finance\.commitments not found in the warehouse/);
  });
});
