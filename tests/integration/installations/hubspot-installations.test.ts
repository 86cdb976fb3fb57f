/**
 * Named installations through the CLI against the fake HubSpot, on both state stores (in-process on
 * PostgreSQL; as a process on PGlite, which Jest's sandbox cannot load):
 * add (the portal id learnt from HubSpot, credentials sealed), list, crm setup / plan / sync / runs with
 * --installation (the installation's credentials, never the environment's), pause, resume, remove.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCliProcess } from '../../support/child-process';
import { runCli, type CliRun } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';
import { pgliteOutsideJest } from '../sync/pglite-outside-jest';
import { minuteOf } from '../../../src/schedule';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import { openPglite } from '../../../src/sync/state/pglite-client';
import { sqlStateStore } from '../../../src/sync/state/sql-store';

const AS_OF = '2024-02-20';
const KEY = 'e'.repeat(64);
const PORTAL = 515151;

interface ListedInstallation {
  name: string;
  crm: string;
  crm_account_id: string;
  warehouse: string | null;
  schedule: string;
  last_run: { id: number; status: string; as_of: string } | null;
  next_run: string | null;
  status: string;
  status_reason: string | null;
}

describe.each(['pglite', 'postgres'] as const)('pulse installations with HubSpot, state on %s', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), `pulse-installations-${backend}-`));
  let fake: FakeHubspot;
  let warehouse = '';
  /** The deployment's environment: the state store and the key, and no CRM credentials at all. */
  let base: Record<string, string> = {};
  /** What the admin exports to add the installation. */
  let credentials: Record<string, string> = {};

  beforeAll(async () => {
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
    fake = await startFakeHubspot({ pulseProperties: false, portalId: PORTAL, token: 'pat-na1-installation-secret' });
    for (let i = 0; i < 24; i++) {
      const id = `acct-${String(i).padStart(4, '0')}`;
      fake.store.seedCompany({ name: `Company ${i}`, pulse_account_id: id, hubspot_owner_id: String(7000 + i) });
    }
    const state: Record<string, string> = backend === 'postgres' ? { DATABASE_URL: await testDatabaseUrl('installations_hubspot') } : { PULSE_STATE_DIR: join(dir, 'state') };
    base = { ...state, PULSE_ENCRYPTION_KEY: KEY };
    credentials = { HUBSPOT_ACCESS_TOKEN: fake.token, HUBSPOT_BASE_URL: fake.baseUrl };
  });

  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pulse = async (args: string[], env: Record<string, string> = {}): Promise<CliRun> => {
    const options = { cwd: dir, env: { ...base, ...env } };
    if (backend === 'postgres') return runCli(args, options);
    const run = await runCliProcess(args, options);
    return { ...run, code: run.code ?? -1 };
  };
  const listed = async (): Promise<ListedInstallation[]> => {
    const run = await pulse(['installations', 'list', '--format', 'json']);
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as ListedInstallation[];
  };

  it('refuses bad input before calling HubSpot or storing anything', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['installations', 'add', 'Acme_Corp', '--crm', 'hubspot'], credentials, /"Acme_Corp" is not an installation name/],
      [['installations', 'add', 'default', '--crm', 'hubspot'], credentials, /tenant of the CLI's own runs/],
      [['installations', 'add', 'acme', '--crm', 'hubspot', '--schedule', '0 6 * *'], credentials, /"0 6 \* \*" is not a cron schedule: expected 5 fields, found 4 \(--schedule\)/],
      [['installations', 'add', 'acme', '--crm', 'hubspot', '--schedule', '61 * * * *'], credentials, /the minute field "61" leaves 0-59/],
      [['installations', 'add', 'acme', '--crm', 'hubspot', '--warehouse', 'mysql://x'], credentials, /warehouse URL "mysql:\/\/x" is not supported/],
      [['installations', 'add', 'acme', '--crm', 'hubspot', '--config', 'missing.yaml'], credentials, /config file .*missing\.yaml does not exist/],
      [['installations', 'add', 'acme', '--crm', 'hubspot'], { ...credentials, PULSE_ENCRYPTION_KEY: '' }, /PULSE_ENCRYPTION_KEY/],
    ];
    const before = fake.stats.requests;
    for (const [args, env, message] of cases) {
      // In-process on both stores: each is refused before a store is opened.
      const run = await runCli(args, { cwd: dir, env: { ...base, ...env } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/^pulse: /);
    }
    expect(fake.stats.requests).toBe(before);
    expect(await listed()).toEqual([]);
  });

  it('fails clearly when HubSpot refuses the credentials, and stores nothing', async () => {
    const run = await pulse(['installations', 'add', 'acme', '--crm', 'hubspot'], { ...credentials, HUBSPOT_ACCESS_TOKEN: 'pat-na1-revoked' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pulse: cannot add installation "acme": HubSpot refused GET \/account-info\/v3\/details \(HTTP 401\)/);
    expect(run.stderr).toMatch(/hint: check the HubSpot credentials in the environment; nothing was stored/);
    expect(run.stderr).not.toContain('pat-na1-revoked');
    expect(await listed()).toEqual([]);
  });

  it('adds an installation: the portal id from HubSpot, the default schedule, the warehouse masked, the credentials sealed', async () => {
    const withPassword = 'postgres://pulse:hunter2@dw.acme.internal:5432/analytics';
    const add = await pulse(['installations', 'add', 'acme', '--crm', 'hubspot', '--warehouse', warehouse], credentials);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(new RegExp(`^Added installation "acme": HubSpot ${PORTAL}, warehouse ${warehouse.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, schedule "${minuteOf('acme')} \\* \\* \\* \\*"`));
    expect(add.stdout).not.toContain(fake.token);

    // Same name again: an error that says how to remove it.
    const again = await pulse(['installations', 'add', 'acme', '--crm', 'hubspot'], credentials);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/an installation named "acme" already exists/);
    expect(again.stderr).toMatch(/hint: pulse installations remove acme first/);
    // The same portal under another name would write its records twice.
    const twin = await pulse(['installations', 'add', 'acme-2', '--crm', 'hubspot', '--warehouse', withPassword], credentials);
    expect(twin.code).toBe(1);
    expect(twin.stderr).toMatch(new RegExp(`HubSpot ${PORTAL} is already installation "acme"`));
    expect(twin.stderr).not.toContain('hunter2');

    const [acme, ...others] = await listed();
    expect(others).toEqual([]);
    expect(acme).toMatchObject({ name: 'acme', crm: 'hubspot', crm_account_id: String(PORTAL), warehouse, schedule: `${minuteOf('acme')} * * * *`, last_run: null, status: 'active', status_reason: null });
    expect(Date.parse(acme?.next_run ?? '')).toBeGreaterThan(Date.now());
    expect(new Date(acme?.next_run ?? '').getUTCMinutes()).toBe(minuteOf('acme'));

    // At rest: a sealed envelope, never the token.
    const db = backend === 'postgres' ? await connectPostgres(base.DATABASE_URL as string) : await openPglite(base.PULSE_STATE_DIR as string, pgliteOutsideJest);
    const store = sqlStateStore(db);
    try {
      const stored = await store.findInstallationByName('acme');
      expect(stored?.credentials).toMatch(/^v1\./);
      expect(stored?.credentials).not.toContain(fake.token);
    } finally {
      await store.close();
    }
  });

  it('crm setup, plan, sync and runs --installation use its credentials, not the environment\'s', async () => {
    // The shell holds another portal's token: the installation's must win, and none leak into output.
    const decoy = { HUBSPOT_ACCESS_TOKEN: 'pat-na1-someone-else', HUBSPOT_BASE_URL: 'http://127.0.0.1:9' };
    const setup = await pulse(['crm', 'setup', '--installation', 'acme'], decoy);
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);

    const plan = await pulse(['plan', '--installation', 'acme', '--as-of', AS_OF], decoy);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(new RegExp(`^Plan for HubSpot ${PORTAL} \\(installation acme\\) as of ${AS_OF}`));

    // --crm must agree with the installation's CRM.
    const contradiction = await pulse(['plan', '--installation', 'acme', '--crm', 'salesforce', '--as-of', AS_OF]);
    expect(contradiction.code).toBe(1);
    expect(contradiction.stderr).toMatch(/--crm salesforce contradicts installation "acme", which is on HubSpot/);

    const sync = await pulse(['sync', '--installation', 'acme', '--as-of', AS_OF], decoy);
    expect(sync.stderr).not.toMatch(/unexpected error/);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(new RegExp(`^Synced to HubSpot ${PORTAL} \\(installation acme\\) as of ${AS_OF}\\.\\nRun 1: 24 accounts read, 24 changed, 24 written`));
    for (const run of [setup, plan, sync]) expect(run.stdout + run.stderr).not.toMatch(/pat-na1-/);

    // A CLI run of its own (tenant default, dry-run) is not the installation's.
    const own = await pulse(['sync', '--crm', 'dry-run', '--warehouse', warehouse, '--as-of', AS_OF]);
    expect(own.code).toBe(0);
    const all = JSON.parse((await pulse(['runs', '--format', 'json'])).stdout) as { id: number; tenant: string }[];
    expect(all.map((r) => r.tenant)).toEqual(['default', 'acme']);
    const mine = JSON.parse((await pulse(['runs', '--installation', 'acme', '--format', 'json'])).stdout) as { id: number; tenant: string; installation: string }[];
    expect(mine).toEqual([expect.objectContaining({ id: 1, tenant: 'acme', installation: String(PORTAL) })]);

    const [acme] = await listed();
    expect(acme?.last_run).toMatchObject({ id: 1, status: 'succeeded', as_of: AS_OF });
    const table = await pulse(['installations', 'list']);
    expect(table.stdout).toMatch(/^name +crm +account +warehouse +schedule \(UTC\) +last run +next run +status\n/);
    expect(table.stdout).toMatch(new RegExp(`\\nacme +HubSpot +${PORTAL} .* 1 succeeded \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ +\\d{4}-\\d\\d-\\d\\d \\d\\d:${String(minuteOf('acme')).padStart(2, '0')}Z +active\\n?$`));
  });

  it('a wrong PULSE_ENCRYPTION_KEY is a clear error, never garbage, and never shows the key', async () => {
    const wrong = 'f'.repeat(64);
    const run = await pulse(['plan', '--installation', 'acme', '--as-of', AS_OF], { PULSE_ENCRYPTION_KEY: wrong });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pulse: cannot open the credentials of installation "acme": stored credentials cannot be decrypted: wrong PULSE_ENCRYPTION_KEY or tampered value \(installation acme\)\n {2}hint: PULSE_ENCRYPTION_KEY must be the key the installation was added with\n$/);
    expect(run.stderr).not.toContain(wrong);
    const none = await pulse(['plan', '--installation', 'nobody']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no installation named "nobody"/);
  });

  it('pause stops sync --installation until resume; list shows no next run while paused', async () => {
    expect((await pulse(['installations', 'pause', 'acme'])).stdout).toMatch(/Paused installation "acme"/);
    expect(await listed()).toEqual([expect.objectContaining({ status: 'paused', next_run: null })]);
    const refused = await pulse(['sync', '--installation', 'acme', '--as-of', AS_OF]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/installation "acme" is paused/);
    expect(refused.stderr).toMatch(/hint: pulse installations resume acme/);
    expect((await pulse(['installations', 'resume', 'acme'])).code).toBe(0);
    expect(await listed()).toEqual([expect.objectContaining({ status: 'active', next_run: expect.any(String) })]);
    const second = await pulse(['sync', '--installation', 'acme', '--as-of', AS_OF]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Run 3: 24 accounts read, 0 changed, 0 written, 24 unchanged/);
    expect((await pulse(['installations', 'pause', 'nobody'])).stderr).toMatch(/no installation named "nobody"/);
  });

  it('remove deletes its credentials and settings and keeps its runs; adding it again resumes its state', async () => {
    const removed = await pulse(['installations', 'remove', 'acme']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Removed installation "acme"/);
    expect(await listed()).toEqual([]);
    const runs = JSON.parse((await pulse(['runs', '--format', 'json'])).stdout) as { tenant: string }[];
    expect(runs.filter((r) => r.tenant === 'acme')).toHaveLength(2);
    expect((await pulse(['runs', '--installation', 'acme'])).stderr).toMatch(/no installation named "acme"/);
    expect((await pulse(['installations', 'remove', 'acme'])).code).toBe(1);

    const added = await pulse(['installations', 'add', 'acme', '--crm', 'hubspot', '--warehouse', warehouse, '--schedule', '5 */6 * * 1-5'], credentials);
    expect(added.code).toBe(0);
    const sync = await pulse(['sync', '--installation', 'acme', '--as-of', AS_OF]);
    expect(sync.stdout).toMatch(/0 changed, 0 written, 24 unchanged/);
    const mine = JSON.parse((await pulse(['runs', '--installation', 'acme', '--format', 'json'])).stdout) as { id: number }[];
    expect(mine.map((r) => r.id)).toEqual([4, 3, 1]);
  });
});
