import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

const AS_OF = '2024-02-20';

interface PlanJson {
  counts: { accounts: number; changed: number; unchanged: number; fieldChanges: number; tasks: number; triggers: number };
  accounts: { account_id: string; changes: { field: string; old?: unknown; new: unknown }[]; tasks: { key: string }[] }[];
}

/** Row counts of every state table: what "writes nothing" is checked against. */
async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`)).rows;
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = Number((await client.query<{ n: string }>(`select count(*) as n from "${name}"`)).rows[0]?.n);
    return counts;
  } finally {
    await client.end();
  }
}

describe('pulse plan, sync and runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sync-cli-'));
  let warehouse = '';
  beforeAll(async () => {
    const path = await writeExamplesDuckDb(dir, [`insert into usage_daily values ('acct-0001', date '2024-02-19', 'search', 'support', -5, 1.0)`]);
    warehouse = `duckdb:${path}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const args = (...rest: string[]) => [...rest, '--warehouse', warehouse, '--as-of', AS_OF];

  it('pulse plan --crm hubspot prints HubSpot property names and creates no state store', async () => {
    const cwd = mkdtempSync(join(dir, 'plan-'));
    const run = await runCli(args('plan', '--crm', 'hubspot', '--format', 'json'), { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/dry-run CRM with HubSpot's field names/);
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(plan.counts).toMatchObject({ accounts: 24, changed: 24, unchanged: 0 });
    expect(plan.counts.tasks).toBeGreaterThan(0);
    const acct1 = plan.accounts.find((a) => a.account_id === 'acct-0001');
    expect(acct1?.changes).toContainEqual({ field: 'pulse_spend_30d', new: '8739.24' });
    expect(existsSync(join(cwd, '.pulse'))).toBe(false);
  });

  it('pulse plan --crm salesforce prints Salesforce field names as a table, counts first', async () => {
    const run = await runCli(args('plan', '--crm', 'salesforce'), { cwd: mkdtempSync(join(dir, 'plan-')) });
    expect(run.code).toBe(0);
    const [header, counts] = run.stdout.split('\n');
    expect(header).toMatch(/^Plan for the dry-run CRM \(dry-run:salesforce\) as of 2024-02-20/);
    expect(counts).toMatch(/^24 accounts: 24 changed, 0 unchanged, 0 unmatched, 0 rejected; \d+ field changes, \d+ tasks, \d+ triggers$/);
    expect(run.stdout).toMatch(/ {2}Pulse_Spend_30d__c: \(never written\) -> 8739.24/);
  });

  it('sync records the run; plan then shows nothing to write and writes nothing; runs lists and shows runs', async () => {
    const url = await testDatabaseUrl('sync_cli');
    const env = { DATABASE_URL: url };
    const cwd = mkdtempSync(join(dir, 'sync-'));

    // A plan on an empty database does not even create the schema.
    expect((await runCli(args('plan', '--crm', 'dry-run'), { cwd, env })).code).toBe(0);
    expect(await tableCounts(url)).toEqual({});

    const sync = await runCli(args('sync', '--crm', 'dry-run'), { cwd, env });
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/Run 1: 24 accounts read, 24 changed, 24 written, 0 unchanged, 0 rejected, 0 unmatched; \d+ tasks created/);
    expect(sync.stderr).toMatch(/1 warehouse row rejected/);

    const before = await tableCounts(url);
    const plan = await runCli(args('plan', '--crm', 'dry-run', '--format', 'json'), { cwd, env });
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as PlanJson).counts).toMatchObject({ changed: 0, unchanged: 24, fieldChanges: 0, tasks: 0, triggers: 0 });
    expect(await tableCounts(url)).toEqual(before);

    // Without a token HubSpot's portal is unknown: the plan is a first sync's, never the dry-run CRM's recorded state.
    const hubspot = await runCli(args('plan', '--crm', 'hubspot', '--format', 'json'), { cwd, env });
    expect(hubspot.code).toBe(0);
    expect(hubspot.stderr).toMatch(/Planning as a first sync against the dry-run CRM with HubSpot's field names/);
    expect((JSON.parse(hubspot.stdout) as PlanJson).counts).toMatchObject({ changed: 24, unchanged: 0 });
    expect(await tableCounts(url)).toEqual(before);

    const again = await runCli(args('sync', '--crm', 'dry-run'), { cwd, env });
    expect(again.stdout).toMatch(/Run 2: 24 accounts read, 0 changed, 0 written, 24 unchanged/);

    const json = await runCli(['runs', '--format', 'json'], { cwd, env });
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ id: 2, installation: 'dry-run:hubspot', crm: 'dry-run', status: 'succeeded', error_code: null, counts: expect.objectContaining({ changed: 0, unchanged: 24 }) }),
      expect.objectContaining({ id: 1, status: 'succeeded', started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), finished_at: expect.stringMatching(/T/), counts: expect.objectContaining({ written: 24, rows_rejected: 1 }) }),
    ]);

    const runs = await runCli(['runs'], { cwd, env });
    expect(runs.code).toBe(0);
    const lines = runs.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/id\s+crm\s+started \(UTC\)\s+duration\s+status\s+read\s+changed\s+written\s+unchanged\s+rejected\s+unmatched\s+API calls/);
    expect(lines[2]).toMatch(/^ *2\s+dry-run\s+.*succeeded\s+24\s+0\s+0\s+24\s+0\s+0\s+0$/);
    expect(lines[3]).toMatch(/^ *1\s+dry-run\s+.*succeeded\s+24\s+24\s+24\s+0\s+0\s+0\s+0$/);

    const show = await runCli(['runs', 'show', '1'], { cwd, env });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Run 1: dry-run \(dry-run:hubspot\), as of 2024-02-20, succeeded/);
    expect(show.stdout).toMatch(/^usage_daily: units is negative: 1 row rejected\n {2}usage_daily \[acct-0001\|2024-02-19\|search\|support\]: units is negative \(-5\)$/m);

    const missing = await runCli(['runs', 'show', '99'], { cwd, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no run 99/);
  });

  it('an earlier day than the last synced one is refused, unless asked for as a backfill that writes no field value', async () => {
    const cwd = mkdtempSync(join(dir, 'replay-'));
    const env = { DATABASE_URL: await testDatabaseUrl('sync_replay') };
    const at = (day: string, ...rest: string[]) => [...rest, '--warehouse', warehouse, '--as-of', day];
    expect((await runCli(at('2024-02-20', 'sync', '--crm', 'dry-run'), { cwd, env })).code).toBe(0);

    for (const command of ['plan', 'sync']) {
      const refused = await runCli(at('2024-02-10', command, '--crm', 'dry-run'), { cwd, env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/as of 2024-02-10 is before 2024-02-20, the last day synced to dry-run dry-run:hubspot: .*\n {2}hint: .*pass --backfill/);
    }
    const runs = JSON.parse((await runCli(['runs', '--format', 'json'], { cwd, env })).stdout) as unknown[];
    expect(runs).toHaveLength(1);

    const plan = await runCli(at('2024-02-10', 'plan', '--crm', 'dry-run', '--backfill', '--format', 'json'), { cwd, env });
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout) as PlanJson;
    expect(planned.counts.fieldChanges).toBe(0);
    const backfill = await runCli(at('2024-02-10', 'sync', '--crm', 'dry-run', '--backfill'), { cwd, env });
    expect(backfill.code).toBe(0);
    const [latest] = JSON.parse((await runCli(['runs', '--format', 'json'], { cwd, env })).stdout) as { backfill: boolean; as_of: string }[];
    expect(latest).toMatchObject({ backfill: true, as_of: '2024-02-10' });
  });

  it('pulse runs with no state store says so and creates none', async () => {
    const cwd = mkdtempSync(join(dir, 'runs-'));
    const run = await runCli(['runs'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No runs yet/);
    expect(existsSync(join(cwd, '.pulse'))).toBe(false);
  });

  it('a real sync never falls back to the dry run', async () => {
    const run = await runCli(args('sync', '--crm', 'hubspot'), { cwd: mkdtempSync(join(dir, 'hub-')) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HubSpot needs HUBSPOT_ACCESS_TOKEN/);
  });

  it.each([['plan'], ['sync'], ['runs']])('pulse %s --help shows an example', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Examples?:\\n  pulse ${command}`));
  });

  it('pulse demo shows the dry-run sync plan of the sample warehouse', async () => {
    const cwd = mkdtempSync(join(dir, 'demo-'));
    const run = await runCli(['demo'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/What the sync will write \(dry run against dry-run:hubspot: nothing is written/);
    expect(run.stdout).toMatch(/200 accounts: 200 changed, 0 unchanged, 0 unmatched, 0 rejected; \d+ field changes, \d+ tasks, \d+ triggers/);
    expect(run.stdout).toMatch(/ {2}pulse_health_score: \(never written\) -> \d+/);
    expect(existsSync(join(cwd, '.pulse', 'state'))).toBe(false);
    // A page a CSM lead reads: who needs attention (paying accounts only), what expands, playbooks that add up.
    expect(run.stdout).toMatch(/^Who needs attention: \d+ paying accounts at risk or on watch/m);
    expect(run.stdout).not.toMatch(/^ {2}acct-\d+ .*: health \d+ \((at_risk|watch)\), \$0 ARR/m);
    expect(run.stdout).toMatch(/^What expands: \d+ accounts with an expansion signal/m);
    // The sample holds enough history for NRR (SIGNALS v1.1 nulls it on less than 455 days).
    expect(run.stdout).toMatch(/^portfolio +[1-9]\d* +\d+\.\d%/m);
    const [, total, tasks, triggers, none] = /^Playbooks: (\d+) firings = (\d+) CSM tasks \+ (\d+) workflow triggers \+ (\d+) with no action/m.exec(run.stdout) ?? [];
    expect(Number(tasks) + Number(triggers) + Number(none)).toBe(Number(total));
  });
});
