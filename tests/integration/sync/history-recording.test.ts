/**
 * Issue 15, the data half: every sync records each computed account's snapshot; a sync a week later
 * writes the 7-day health change and its reason to the CRM; a plan records nothing; the backfill
 * records past days without a CRM, idempotently.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import { defaultRules } from '../../../src/playbooks';
import { backfillHistory } from '../../../src/sync/backfill-history';
import { syncInstallation } from '../../../src/sync/sync-installation';
import type { Installation } from '../../../src/sync/state';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';
import { FakeCrm } from './fake-crm';
import { AS_OF, exampleAccounts, exampleWarehouse, openTestStore, syncOnce, type Backend, type ExampleWarehouse, type TestStore } from './harness';

const WEEK_LATER = '2024-02-27';
const SILENT = { info: () => undefined, warn: () => undefined };

async function historyRows(t: TestStore, installationId: number): Promise<{ as_of: string; n: number }[]> {
  const rows = await t.db.query('select as_of, count(*) as n from signal_history where installation_id = $1 group by as_of order by as_of', [installationId]);
  return rows.map((r) => ({ as_of: String(r.as_of), n: Number(r.n) }));
}

describe.each<Backend>(['pglite', 'postgres'])('signal history of sync runs (%s)', (backend) => {
  let warehouse: ExampleWarehouse;
  let ids: string[];
  let t: TestStore;
  beforeAll(async () => {
    warehouse = await exampleWarehouse();
    ids = (await exampleAccounts(warehouse)).map((a) => a.account.account_id);
  });
  afterAll(() => warehouse.cleanup());
  beforeEach(async () => {
    t = await openTestStore(backend);
  });
  afterEach(() => t.cleanup());

  const installationOf = async (crm: FakeCrm): Promise<Installation> => {
    const found = await t.store.findInstallation('default', crm.kind, crm.installationId);
    if (found === null) throw new Error('no installation');
    return found;
  };

  it('records a snapshot of every account of the run, matched or not, changed or not', async () => {
    // Only 5 accounts have a CRM record: the other 19 are unmatched and still recorded.
    const crm = new FakeCrm(ids.slice(0, 5));
    await syncOnce(t.store, crm, warehouse);
    const installation = await installationOf(crm);
    const snapshots = await t.store.historyOn(installation.id, ids, AS_OF);
    expect([...snapshots.keys()].sort()).toEqual([...ids].sort());
    // Unchanged on a second run of the day: recorded again (replaced), not skipped.
    await syncOnce(t.store, crm, warehouse);
    expect(await historyRows(t, installation.id)).toEqual([{ as_of: AS_OF, n: ids.length }]);
    const acct0000 = await t.store.latestSnapshot(installation.id, 'acct-0000');
    // The one usage row dated 2024-02-20 (SIGNALS.md's worked example).
    expect(acct0000).toMatchObject({ as_of: AS_OF, spend_day: 109.08, commitment: null, budget_month_usd: null, health_score_change_7d: null, health_change_reason: null });
    expect(acct0000?.components.trend).toHaveProperty('score');
    expect(snapshots.get('acct-0000')).toMatchObject({ spend_day: 109.08, health_score: acct0000?.signals.health_score });
    const acct0023 = await t.store.latestSnapshot(installation.id, 'acct-0023');
    // 39,896 over 2023-12-17 .. 2024-12-15 (365 days), February's 29 days inside it.
    expect(acct0023).toMatchObject({ spend_day: 169.44, commitment: { period_start: '2023-12-17', period_end: '2024-12-15', committed_usd: 39896 } });
    expect(acct0023?.budget_month_usd).toBeCloseTo((39896 * 29) / 365, 2);
  });

  it('a plan records nothing', async () => {
    const crm = new FakeCrm(ids);
    const installation = await t.store.ensureInstallation('default', crm.kind, crm.installationId, null);
    const wh = await openDuckDb({ path: warehouse.path, displayUrl: warehouse.path });
    try {
      const deps = { config: DEFAULT_CONFIG, warehouse: wh, store: t.store, connector: crm, rules: defaultRules(), clock: { now: () => new Date() }, logger: SILENT };
      const result = await syncInstallation(deps, { installation, asOf: AS_OF, now: '2024-02-21T06:00:00.000Z', today: '2099-01-01', mode: 'plan', chunkSize: 7 });
      expect(result.mode).toBe('plan');
    } finally {
      await wh.close();
    }
    expect(await t.store.latestHistoryDay(installation.id)).toBeNull();
  });

  it('a sync 7 days later writes the 7-day health change and its reason to the CRM', async () => {
    const crm = new FakeCrm(ids);
    await syncOnce(t.store, crm, warehouse);
    const first = crm.records.get('co-acct-0001') ?? {};
    // Nothing to compare with on the first day: written empty.
    expect(first).toMatchObject({ pulse_health_score_change_7d: '', pulse_health_change_reason: '', pulse_console_url: '' });
    await syncOnce(t.store, crm, warehouse, { asOf: WEEK_LATER, now: '2024-02-28T06:00:00.000Z' });
    const installation = await installationOf(crm);
    const before = await t.store.historyOn(installation.id, ids, AS_OF);
    const after = await t.store.historyOn(installation.id, ids, WEEK_LATER);
    const moved = [...after.values()].filter((s) => s.health_score_change_7d !== null && s.health_score_change_7d !== 0);
    // A score can move only because a component dropped out (null on one side): then there is no reason to name.
    expect(moved.filter((s) => s.health_change_reason !== null).length).toBeGreaterThan(0);
    for (const s of moved) {
      const then = before.get(s.account_id)?.health_score ?? null;
      const now = s.health_score;
      expect(s.health_score_change_7d).toBe(Math.round(now as number) - Math.round(then as number));
      if (s.health_change_reason !== null) expect(s.health_change_reason).toMatch(/ (rose|fell) from /);
      expect(crm.records.get(`co-${s.account_id}`)).toMatchObject({
        pulse_health_score_change_7d: String(s.health_score_change_7d),
        pulse_health_change_reason: s.health_change_reason ?? '',
      });
    }
  });

  it('writes console_url when PULSE_PUBLIC_URL is set, and counts it as changed only when it changes', async () => {
    const crm = new FakeCrm(ids);
    await syncOnce(t.store, crm, warehouse, { publicUrl: 'https://pulse.example.com/' });
    expect(crm.records.get('co-acct-0001')).toMatchObject({ pulse_console_url: 'https://pulse.example.com/console/accounts/acct-0001' });
    const again = await syncOnce(t.store, crm, warehouse, { publicUrl: 'https://pulse.example.com/' });
    expect(again).toMatchObject({ changed: 0, written: 0 });
  });

  it('the backfill records N days, oldest first with the 7-day change, and again the same rows', async () => {
    const crm = new FakeCrm(ids);
    await syncOnce(t.store, crm, warehouse);
    const installation = await installationOf(crm);
    const callsAfterSync = crm.apiCalls;
    const wh = await openDuckDb({ path: warehouse.path, displayUrl: warehouse.path });
    const days: string[] = [];
    try {
      const run = () => backfillHistory(
        { config: DEFAULT_CONFIG, warehouse: wh, store: t.store },
        { installationId: installation.id, asOf: WEEK_LATER, days: 10, today: '2099-01-01', chunkSize: 7, onDay: (d) => days.push(`${d.asOf}:${d.accounts}`) },
      );
      expect(await run()).toEqual({ days: 10, snapshots: 10 * ids.length });
      const rows = await historyRows(t, installation.id);
      const snapshot = async () => t.db.query('select account_id, as_of, health_score, health_score_change_7d, health_change_reason, spend_day, components from signal_history where installation_id = $1 order by 1, 2', [installation.id]);
      const once = await snapshot();
      await run();
      expect(await historyRows(t, installation.id)).toEqual(rows);
      expect(await snapshot()).toEqual(once);
    } finally {
      await wh.close();
    }
    expect(days.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `2024-02-${String(18 + i).padStart(2, '0')}:${ids.length}`));
    const rows = await historyRows(t, installation.id);
    expect(rows.map((r) => r.as_of)).toEqual(['2024-02-18', '2024-02-19', '2024-02-20', '2024-02-21', '2024-02-22', '2024-02-23', '2024-02-24', '2024-02-25', '2024-02-26', '2024-02-27']);
    const week = await t.store.historyOn(installation.id, ids, WEEK_LATER);
    expect([...week.values()].some((s) => s.health_score_change_7d !== null)).toBe(true);
    expect(crm.apiCalls).toBe(callsAfterSync);
  });
});

describe('pulse history backfill', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-history-cli-'));
  let warehouse = '';
  beforeAll(async () => {
    const { writeExamplesDuckDb } = await import('../../support/load-fixture');
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses before the first sync, then records each day once and says so', async () => {
    const env = { DATABASE_URL: await testDatabaseUrl('history_cli') };
    const cwd = mkdtempSync(join(dir, 'run-'));
    const backfill = ['history', 'backfill', '--days', '3', '--as-of', AS_OF, '--warehouse', warehouse, '--crm', 'dry-run'];
    const refused = await runCli(backfill, { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/run pulse sync once first/);
    expect((await runCli(['sync', '--crm', 'dry-run', '--warehouse', warehouse, '--as-of', AS_OF], { cwd, env })).code).toBe(0);
    const run = await runCli(backfill, { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '2024-02-18: 24 accounts recorded\n2024-02-19: 24 accounts recorded\n2024-02-20: 24 accounts recorded\n' +
        'History backfilled for dry-run dry-run:hubspot: 3 days to 2024-02-20, 72 snapshots recorded; nothing written to the CRM.\n',
    );
    const bad = await runCli(['history', 'backfill', '--days', '731', '--warehouse', warehouse], { cwd, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--days "731" is not a whole number from 1 to 730/);
  });
});
