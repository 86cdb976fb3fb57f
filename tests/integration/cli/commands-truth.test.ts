import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findProjectRoot } from '../../../src/catalog/files';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

/** The examples' usage_daily runs from 2022-09-15 to 2024-02-25. */
const FIRST_DAY = '2022-09-15';
const LAST_DAY = '2024-02-25';

describe('commands that tell the truth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-truth-'));
  let warehouse = '';
  beforeAll(async () => {
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('--crm defaults to crm.provider', () => {
    it('pulse plan without --crm plans for the configured provider', async () => {
      const cwd = mkdtempSync(join(dir, 'provider-'));
      writeFileSync(join(cwd, 'pulse.config.yaml'), 'crm:\n  provider: salesforce\n');
      const run = await runCli(['plan', '--warehouse', warehouse, '--as-of', '2024-02-20'], { cwd });
      expect(run.stderr).not.toMatch(/required option/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Plan for the dry-run CRM \(dry-run:salesforce\) as of 2024-02-20/);
      expect(run.stdout).toMatch(/Pulse_Spend_30d__c: \(never written\) -> 8739.24/);
    });

    it('pulse sync without --crm syncs to the configured provider (dry-run when none is named)', async () => {
      const cwd = mkdtempSync(join(dir, 'provider-'));
      const env = { DATABASE_URL: await testDatabaseUrl('truth_provider') };
      const run = await runCli(['sync', '--warehouse', warehouse, '--as-of', '2024-02-20'], { cwd, env });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Synced to the dry-run CRM \(dry-run:hubspot\) as of 2024-02-20\./);

      writeFileSync(join(cwd, 'pulse.config.yaml'), 'crm:\n  provider: hubspot\n');
      const hubspot = await runCli(['sync', '--warehouse', warehouse, '--as-of', '2024-02-20'], { cwd, env });
      expect(hubspot.code).toBe(1);
      expect(hubspot.stderr).toMatch(/HubSpot needs HUBSPOT_ACCESS_TOKEN/);
    });

    it.each([['plan'], ['sync']])('pulse %s --help names the default', async (command) => {
      const run = await runCli([command, '--help']);
      expect(run.stdout).toMatch(/--crm <crm>.*\(default: crm\.provider in\s+pulse\.config\.yaml, else\s+dry-run\)/s);
    });
  });

  describe('--as-of outside the warehouse warns', () => {
    const before = '2022-01-01';
    const after = '2024-06-01';
    const commands: [string, string[]][] = [
      ['signals', ['signals', '--format', 'json']],
      ['report', ['report', '--format', 'json']],
      ['playbooks preview', ['playbooks', 'preview', '--format', 'json']],
      ['plan', ['plan', '--crm', 'dry-run', '--format', 'json']],
      ['sync', ['sync', '--crm', 'dry-run']],
    ];

    it.each(commands)('%s warns on stderr before the first and after the last day, and not in between', async (name, args) => {
      // A state store of its own; the days go forward, as syncs must.
      const env = { DATABASE_URL: await testDatabaseUrl(`truth_asof_${name.replace(/\W/g, '_')}`) };
      const cwd = mkdtempSync(join(dir, 'asof-'));
      const at = async (day: string) => runCli([...args, '--warehouse', warehouse, '--as-of', day], { cwd, env });
      const early = await at(before);
      expect(early.code).toBe(0);
      expect(early.stderr).toContain(`--as-of ${before} is before the warehouse's first day of usage (${FIRST_DAY})`);
      const inside = await at('2024-02-20');
      expect(inside.code).toBe(0);
      expect(inside.stderr).not.toMatch(/warehouse's (first|last) day/);
      const late = await at(after);
      expect(late.code).toBe(0);
      expect(late.stderr).toContain(`--as-of ${after} is after the warehouse's last day of usage (${LAST_DAY})`);
      // Warnings go to stderr only: stdout stays machine-readable.
      expect(late.stdout).not.toMatch(/warning/);
    });
  });

  describe('sample-data --as-of', () => {
    it('refuses a day in the future and writes nothing', async () => {
      const out = join(dir, 'future', 'w.duckdb');
      const run = await runCli(['sample-data', '--accounts', '2', '--days', '120', '--as-of', '2999-01-01', '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/--as-of 2999-01-01 is in the future/);
      expect(existsSync(out)).toBe(false);
    });
  });

  describe('signals --account and report --format', () => {
    it('--account nope says no such account and exits non-zero, in every format', async () => {
      for (const format of ['table', 'json', 'csv']) {
        const run = await runCli(['signals', '--warehouse', warehouse, '--as-of', '2024-02-20', '--account', 'nope', '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/no such account "nope"/);
        expect(run.stdout).toBe('');
      }
    });

    it('--account of a known account still prints it alone', async () => {
      const run = await runCli(['signals', '--warehouse', warehouse, '--as-of', '2024-02-20', '--account', 'acct-0001', '--format', 'json']);
      expect(run.code).toBe(0);
      const rows = JSON.parse(run.stdout) as { account_id: string }[];
      expect(rows.map((r) => r.account_id)).toEqual(['acct-0001']);
    });

    it('report accepts --format table like the other commands, and still text', async () => {
      const table = await runCli(['report', '--warehouse', warehouse, '--as-of', '2024-02-20', '--format', 'table']);
      expect(table.code).toBe(0);
      const text = await runCli(['report', '--warehouse', warehouse, '--as-of', '2024-02-20', '--format', 'text']);
      expect(text.stdout).toBe(table.stdout);
      const plain = await runCli(['report', '--warehouse', warehouse, '--as-of', '2024-02-20']);
      expect(plain.stdout).toBe(table.stdout);
      expect(table.stdout.length).toBeGreaterThan(100);
    });
  });

  describe('manifests finds the project root', () => {
    it('writes and checks at the consumption-pulse folder above the current one', async () => {
      const project = mkdtempSync(join(dir, 'project-'));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumption-pulse' }));
      const sub = join(project, 'src', 'deep');
      mkdirSync(sub, { recursive: true });
      const write = await runCli(['manifests'], { cwd: sub });
      expect(write.code).toBe(0);
      expect(existsSync(join(project, 'docs', 'fields.md'))).toBe(true);
      expect(existsSync(join(project, 'manifests', 'hubspot'))).toBe(true);
      expect(existsSync(join(sub, 'manifests'))).toBe(false);
      const check = await runCli(['manifests', '--check'], { cwd: sub });
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/up to date/);
      expect(readFileSync(join(project, 'package.json'), 'utf8')).toContain('consumption-pulse');
    });

    it('walks past a package.json of another name, and falls back to where the module is installed', () => {
      const other = mkdtempSync(join(dir, 'other-'));
      writeFileSync(join(other, 'package.json'), JSON.stringify({ name: 'someone-else' }));
      const repo = resolve(__dirname, '..', '..', '..');
      expect(findProjectRoot(other, __dirname)).toBe(repo);
      expect(findProjectRoot(join(repo, 'src', 'commands'), '/')).toBe(repo);
    });
  });
});
