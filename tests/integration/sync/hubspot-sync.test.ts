/**
 * `pulse sync --crm hubspot` end to end: the real engine, the real SDK-based connector, a real
 * PostgreSQL state store and the local fake HubSpot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../support/fake-hubspot/plan';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot/server';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

const AS_OF = '2024-02-20';
/** Accounts the portal does not hold: reported as unmatched, never written, never created. */
const UNMATCHED = ['acct-0005', 'acct-0017'];

describe('pulse sync --crm hubspot against the fake HubSpot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-hubspot-sync-'));
  let fake: FakeHubspot;
  let warehouse = '';
  let env: Record<string, string> = {};
  const companyOf = new Map<string, string>();

  beforeAll(async () => {
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
    fake = await startFakeHubspot();
    for (let i = 0; i < 24; i++) {
      const id = `acct-${String(i).padStart(4, '0')}`;
      if (UNMATCHED.includes(id)) continue;
      companyOf.set(id, fake.store.seedCompany({ name: `Company ${i}`, pulse_account_id: id, hubspot_owner_id: String(7000 + i) }));
    }
    // Count only what the sync writes, not the seeding.
    fake.store.writes.clear();
    env = { HUBSPOT_ACCESS_TOKEN: fake.token, HUBSPOT_BASE_URL: fake.baseUrl, DATABASE_URL: await testDatabaseUrl('hubspot_sync') };
  });

  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sync = () => runCli(['sync', '--crm', 'hubspot', '--warehouse', warehouse, '--as-of', AS_OF], { cwd: dir, env });
  const writeCalls = () =>
    [...fake.stats.byRoute.entries()].filter(([route]) => /batch\/(update|upsert|create)$/.test(route)).reduce((n, [, c]) => n + c, 0);

  it('writes every matched account and the tasks, reports the unmatched, and a second run writes nothing', async () => {
    const plan = await runCli(['plan', '--crm', 'hubspot', '--format', 'json', '--warehouse', warehouse, '--as-of', AS_OF], { cwd: dir, env });
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout) as { accounts: { account_id: string; changes: { field: string; new: string }[]; tasks: { key: string }[] }[] };

    const first = await sync();
    expect(first.stderr).not.toMatch(/unexpected error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Run 1: 24 accounts read, .* 2 unmatched/);

    // The portal now holds exactly what the plan said, each property written once.
    for (const account of planned.accounts) {
      const companyId = companyOf.get(account.account_id);
      if (companyId === undefined) continue;
      const company = fake.store.records.companies.get(companyId);
      for (const change of account.changes) {
        // Times are taken when each command runs: the plan's and the sync's differ by design.
        if (change.field.endsWith('_at')) expect(company?.properties[change.field]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        else expect(company?.properties[change.field]).toBe(change.new);
      }
    }
    expect([...fake.store.writes.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    for (const id of UNMATCHED) expect([...fake.store.records.companies.values()].some((c) => c.properties.pulse_account_id === id)).toBe(false);

    // Tasks: one per planned task key of a matched account, associated to its company, owned by the company owner.
    const tasks = [...fake.store.records.tasks.values()];
    const plannedKeys = planned.accounts.filter((a) => companyOf.has(a.account_id)).flatMap((a) => a.tasks.map((t) => t.key));
    expect(plannedKeys.length).toBeGreaterThan(0);
    expect(tasks.map((t) => t.properties.pulse_task_key).sort()).toEqual([...plannedKeys].sort());
    for (const task of tasks) {
      const accountId = (task.properties.pulse_task_key ?? '').split(':')[0] as string;
      expect(task.companyIds).toEqual([companyOf.get(accountId)]);
      expect(task.properties.hubspot_owner_id).toBe(fake.store.records.companies.get(companyOf.get(accountId) as string)?.properties.hubspot_owner_id);
    }

    const writesBefore = writeCalls();
    const second = await sync();
    expect(second.code).toBe(0);
    // Matched accounts are unchanged; the two unmatched ones are looked up again (one call), in case
    // their companies were created since, and nothing is written.
    expect(second.stdout).toMatch(/Run 2: 24 accounts read, 0 changed, 0 written, 22 unchanged, 0 rejected, 2 unmatched; 0 tasks created, 0 trigger events, 1 API calls/);
    expect(writeCalls()).toBe(writesBefore);
    expect(fake.store.records.tasks.size).toBe(tasks.length);
  });
});

describe('crm setup, then pulse sync --crm hubspot from a fresh state store, through a faulty portal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-hubspot-faults-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('8% 429s, 5% 503s, dropped connections and writes applied but unanswered: the portal ends exactly as planned', async () => {
    const warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
    // A fresh portal without the Pulse properties; a 2-second window so waiting for it stays short.
    const fake = await startFakeHubspot({ pulseProperties: false, limits: { windowMs: 2000 }, random: seededRandom(11) });
    try {
      fake.faults.add({ fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, probability: 0.08 });
      fake.faults.add({ fault: { kind: 'status', status: 503 }, probability: 0.05 });
      fake.faults.add({ fault: { kind: 'drop', when: 'before' }, probability: 0.02 });
      fake.faults.add({ fault: { kind: 'drop', when: 'after' }, probability: 0.03 });
      const env = { HUBSPOT_ACCESS_TOKEN: fake.token, HUBSPOT_BASE_URL: fake.baseUrl, DATABASE_URL: await testDatabaseUrl('hubspot_faults') };

      const setup = await runCli(['crm', 'setup', '--crm', 'hubspot'], { cwd: dir, env });
      expect(setup.stderr).toBe('');
      expect(setup.code).toBe(0);
      const companyIds = new Map<string, string>();
      for (let i = 0; i < 24; i++) {
        const id = `acct-${String(i).padStart(4, '0')}`;
        companyIds.set(id, fake.store.seedCompany({ name: `Company ${i}`, pulse_account_id: id, hubspot_owner_id: String(7000 + i) }));
      }

      const plan = await runCli(['plan', '--crm', 'hubspot', '--format', 'json', '--warehouse', warehouse, '--as-of', AS_OF], { cwd: dir, env });
      expect(plan.code).toBe(0);
      const planned = JSON.parse(plan.stdout) as { accounts: { account_id: string; changes: { field: string; new: string }[]; tasks: { key: string }[] }[] };
      expect(planned.accounts).toHaveLength(24);

      const sync = await runCli(['sync', '--crm', 'hubspot', '--warehouse', warehouse, '--as-of', AS_OF], { cwd: dir, env });
      expect(sync.stderr).not.toMatch(/unexpected error/);
      expect(sync.code).toBe(0);
      expect(sync.stdout).toMatch(/Run 1: 24 accounts read, 24 changed, 24 written, 0 unchanged, 0 rejected, 0 unmatched/);
      expect(fake.faults.applied.get('rate-limit') ?? 0).toBeGreaterThan(0);
      expect(fake.faults.applied.get('status 503') ?? 0).toBeGreaterThan(0);
      expect(fake.faults.applied.get('drop after') ?? 0).toBeGreaterThan(0);

      for (const account of planned.accounts) {
        const company = fake.store.records.companies.get(companyIds.get(account.account_id) as string);
        for (const change of account.changes) {
          if (change.field.endsWith('_at')) expect(company?.properties[change.field]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
          else expect(company?.properties[change.field]).toBe(change.new);
        }
      }
      const taskKeys = [...fake.store.records.tasks.values()].map((task) => task.properties.pulse_task_key).sort();
      expect(taskKeys).toEqual(planned.accounts.flatMap((a) => a.tasks.map((t) => t.key)).sort());

      fake.faults.clear();
      const again = await runCli(['sync', '--crm', 'hubspot', '--warehouse', warehouse, '--as-of', AS_OF], { cwd: dir, env });
      expect(again.stdout).toMatch(/Run 2: 24 accounts read, 0 changed, 0 written, 24 unchanged, 0 rejected, 0 unmatched; 0 tasks created, 0 trigger events, 0 API calls/);
    } finally {
      await fake.close();
    }
  });
});
