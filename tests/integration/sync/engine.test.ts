import type { ComputedAccount } from '../../../src/pipeline/compute-signals';
import { defaultRules, evaluatePlaybooks, EMPTY_HISTORY } from '../../../src/playbooks';
import { toHubspotProperties } from '../../../src/catalog';
import { formatSignals } from '../../../src/signals/format';
import { ZERO_COUNTS } from '../../../src/sync/state';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import { sqlStateStore } from '../../../src/sync/state/sql-store';
import { AS_OF, exampleAccounts, exampleWarehouse, NOW, openTestStore, syncOnce, type Backend, type ExampleWarehouse, type TestStore } from './harness';
import { FakeCrm, RESUME_AT } from './fake-crm';

let accounts: ComputedAccount[] = [];
let ids: string[] = [];
let wh: ExampleWarehouse;
beforeAll(async () => {
  wh = await exampleWarehouse();
  accounts = await exampleAccounts(wh);
  ids = accounts.map((a) => a.account.account_id);
});
afterAll(() => wh?.cleanup());

/** The firings a first run makes, straight from the playbook engine. */
function firstRunFirings() {
  return evaluatePlaybooks(accounts.map(({ account, signals }) => ({ signals, owner: account.owner_email })), defaultRules(), EMPTY_HISTORY, AS_OF);
}

describe.each<Backend>(['pglite', 'postgres'])('sync engine on %s', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(() => t?.cleanup());

  it('a first run writes every field, task and trigger, and a second run with unchanged data makes zero CRM calls', async () => {
    const crm = new FakeCrm(ids, `first-${backend}`);
    const first = await syncOnce(t.store, crm, wh);
    const firings = firstRunFirings();
    const taskKeys = firings.filter((f) => f.action === 'task').map((f) => f.key).sort();
    const triggers = firings.filter((f) => f.action === 'trigger');
    expect(taskKeys.length).toBeGreaterThan(0);
    expect(triggers.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ accounts_read: 24, changed: 24, written: 24, unchanged: 0, rejected: 0, unmatched: 0, tasks_created: taskKeys.length, events_published: triggers.length });

    const { records, tasks, eventKeys } = crm.snapshot();
    const acct1 = records['co-acct-0001'];
    expect(acct1).toMatchObject({ pulse_account_id: 'acct-0001', pulse_as_of: AS_OF, pulse_spend_30d: '8739.24', pulse_last_synced_at: NOW });
    expect(Object.keys(tasks)).toEqual(taskKeys);
    expect(tasks[taskKeys[0] as string]?.owner).toMatch(/@vendor\.example$/);
    expect(eventKeys).toEqual(triggers.map((f) => f.key).sort());
    // The trigger fields carry the account's first trigger firing in rule priority order.
    const trigger = triggers[0];
    expect(records[`co-${trigger?.account_id}`]).toMatchObject({ pulse_last_playbook: trigger?.playbook, pulse_last_playbook_fired_at: NOW });
    // A run's first writeFields call carries the batch's accounts, all fields each.
    expect(crm.writeLog[0]).toHaveLength(5);

    const callsAfterFirst = crm.calls;
    const second = await syncOnce(t.store, crm, wh, { now: '2024-02-21T07:00:00.000Z' });
    expect(crm.calls).toBe(callsAfterFirst);
    expect(second).toMatchObject({ accounts_read: 24, changed: 0, written: 0, unchanged: 24, api_calls: 0, tasks_created: 0 });
    expect(crm.snapshot()).toEqual({ records, tasks, eventKeys });

    const [latest, previous] = await t.store.listRuns(2);
    expect(latest).toMatchObject({ status: 'succeeded', changed: 0, unchanged: 24, api_calls: 0, as_of: AS_OF, crm: 'hubspot' });
    expect(previous).toMatchObject({ status: 'succeeded', written: 24, api_calls: first.api_calls });
  });

  it('a change in the warehouse writes only the changed fields of that account, with last_synced_at', async () => {
    const own = await exampleWarehouse();
    try {
      const crm = new FakeCrm(ids, `changed-${backend}`);
      await syncOnce(t.store, crm, own);
      const before = new Map((await exampleAccounts(own)).map((a) => [a.account.account_id, a]));
      await own.change(`update usage_daily set cost_usd = cost_usd + 10 where account_id = 'acct-0001' and day = date '2024-02-20'`);
      const after = (await exampleAccounts(own)).find((a) => a.account.account_id === 'acct-0001');
      const old = toHubspotProperties(formatSignals((before.get('acct-0001') as ComputedAccount).signals));
      const now = toHubspotProperties(formatSignals((after as ComputedAccount).signals));
      const changedFields = Object.keys(now).filter((field) => now[field] !== old[field]);
      expect(changedFields.length).toBeGreaterThan(0);
      expect(changedFields.length).toBeLessThan(Object.keys(now).length / 2);

      const writes = crm.writeLog.length;
      const later = '2024-02-21T08:00:00.000Z';
      const counts = await syncOnce(t.store, crm, own, { now: later });
      expect(crm.writeLog.slice(writes)).toEqual([
        [{ account_id: 'acct-0001', record_id: 'co-acct-0001', values: { ...Object.fromEntries(changedFields.map((f) => [f, now[f]])), pulse_last_synced_at: later } }],
      ]);
      expect(counts).toMatchObject({ changed: 1, written: 1, unchanged: 23 });
    } finally {
      own.cleanup();
    }
  });

  it('hands the CRM write units of batch size × requests in flight, as its description says', async () => {
    const crm = new FakeCrm(ids, `units-${backend}`);
    crm.limits = { batchSize: 2, requestsInFlight: 3 };
    await syncOnce(t.store, crm, wh);
    // Warehouse chunks of 7 accounts: units of 6, then the chunk's last one.
    expect(crm.writeLog.slice(0, 2).map((unit) => unit.length)).toEqual([6, 1]);
  });

  it('a run that reaches the bulk threshold hands the CRM bulk units; one below it, ordinary units after its plan', async () => {
    const big = new FakeCrm(ids, `bulk-${backend}`);
    big.limits = { batchSize: 2, requestsInFlight: 3, bulk: { threshold: 8, maxRecords: 10 } };
    await syncOnce(t.store, big, wh);
    // Chunks of 7: the second chunk crosses 8 changed accounts, then full units of 10 go out, and the rest at the end.
    expect(big.writeLog.map((unit) => unit.length)).toEqual([10, 10, ids.length - 20]);
    expect(big.bulkLog).toEqual([true, true, true]);
    expect(Object.values(big.snapshot().records).every((record) => Object.keys(record).length > 0)).toBe(true);

    const small = new FakeCrm(ids, `below-bulk-${backend}`);
    small.limits = { batchSize: 2, requestsInFlight: 3, bulk: { threshold: ids.length + 1, maxRecords: 10 } };
    await syncOnce(t.store, small, wh);
    expect(small.writeLog.map((unit) => unit.length)).toEqual([6, 6, 6, 6]);
    expect(small.bulkLog.every((bulk) => !bulk)).toBe(true);
  });

  it('a run asked to stop ends after the write unit in hand, recorded interrupted, and the next run writes the rest', async () => {
    const crm = new FakeCrm(ids, `stop-${backend}`);
    const controller = new AbortController();
    const stopped = await syncOnce(t.store, crm, wh, {
      signal: controller.signal,
      progress: (step) => {
        if (step.step === 'record') controller.abort();
      },
    }).catch((error: unknown) => error);
    expect(stopped).toMatchObject({ code: 'SYNC_INTERRUPTED' });
    expect(crm.writeLog).toHaveLength(1);
    const installation = await t.store.findInstallation('default', 'hubspot', crm.installationId);
    const [run] = await t.store.listRuns(1, { installationId: installation?.id });
    expect(run).toMatchObject({ status: 'interrupted', error_code: 'INTERRUPTED', written: crm.writeLog[0]?.length });

    const rest = await syncOnce(t.store, crm, wh);
    expect(rest.written).toBe(ids.length - (crm.writeLog[0]?.length ?? 0));
    expect(crm.writeLog.flat().map((w) => w.account_id).sort()).toEqual([...ids].sort());
  });

  it('a record the CRM rejects is kept with its error and retried on the next run, alone', async () => {
    const crm = new FakeCrm(ids, `rejected-${backend}`);
    crm.rejectAccounts.add('acct-0003');
    const first = await syncOnce(t.store, crm, wh);
    expect(first).toMatchObject({ written: 23, rejected: 1 });
    expect(crm.records.get('co-acct-0003')).toEqual({});
    const [run] = await t.store.listRuns(1);
    expect(await t.store.runRejections(run?.id ?? -1)).toEqual([
      { kind: 'record', key: 'acct-0003', account_id: 'acct-0003', reason: 'INVALID_OPTION: acct-0003 rejected by the CRM', code: null },
    ]);

    crm.rejectAccounts.clear();
    const calls = crm.calls;
    const second = await syncOnce(t.store, crm, wh);
    expect(crm.calls).toBe(calls + 1);
    expect(crm.writeLog.at(-1)?.map((w) => w.account_id)).toEqual(['acct-0003']);
    expect(crm.records.get('co-acct-0003')).toMatchObject({ pulse_account_id: 'acct-0003', pulse_as_of: AS_OF });
    expect(second).toMatchObject({ changed: 1, written: 1, rejected: 0 });
  });

  it('an account the CRM has no record for is reported unmatched, not dropped, and looked up again next run', async () => {
    const crm = new FakeCrm(ids.filter((id) => id !== 'acct-0005'), `unmatched-${backend}`);
    const first = await syncOnce(t.store, crm, wh);
    expect(first).toMatchObject({ changed: 23, unmatched: 1, written: 23 });
    const [run] = await t.store.listRuns(1);
    expect(await t.store.runRejections(run?.id ?? -1)).toEqual([
      { kind: 'unmatched', key: 'acct-0005', account_id: 'acct-0005', reason: 'no CRM record matches this account', code: null },
    ]);
    const calls = crm.calls;
    const second = await syncOnce(t.store, crm, wh);
    expect(crm.calls).toBe(calls + 1); // one resolve: the record may have been created since
    expect(second).toMatchObject({ changed: 0, unmatched: 1, written: 0 });
  });

  it('a task owed by a run that failed is created by the next day\'s run, once per playbook firing', async () => {
    const crm = new FakeCrm(ids, `owed-${backend}`);
    crm.fail = { step: 'tasks', mode: 'before' };
    await expect(syncOnce(t.store, crm, wh)).rejects.toThrow(/injected failure/);
    crm.fail = null;
    const nextDay = await syncOnce(t.store, crm, wh, { asOf: '2024-02-21', now: '2024-02-22T06:00:00.000Z' });
    const fired = firstRunFirings().filter((f) => f.action === 'task');
    // The failed run recorded the firings of its first chunk (7 accounts) before failing on their tasks:
    // those tasks are owed and carry their day; later chunks never got that far and fire afresh on the 21st.
    const firstChunk = new Set(ids.slice(0, 7));
    const expected = fired.map((f) => (firstChunk.has(f.account_id) ? f.key : f.key.replace('2024-02-20', '2024-02-21'))).sort();
    expect(fired.some((f) => firstChunk.has(f.account_id))).toBe(true);
    expect(Object.keys(crm.snapshot().tasks)).toEqual(expected);
    expect(nextDay.tasks_created).toBe(fired.length);
  });

  it('a run that fails is recorded as failed at once, with its error code, message and what landed before', async () => {
    const crm = new FakeCrm(ids, `failed-${backend}`);
    crm.fail = { step: 'write:1', mode: 'auth' };
    await expect(syncOnce(t.store, crm, wh)).rejects.toMatchObject({ code: 'CRM_AUTH_FAILED' });
    const [run] = await t.store.listRuns(1);
    expect(run).toMatchObject({
      status: 'failed', error_code: 'CRM_AUTH_FAILED', error: 'the CRM refused write:1: token revoked', resume_at: null,
      finished_at: expect.stringMatching(/^\d{4}-/), written: 5, accounts_read: 7,
    });
  });

  it('a quota stop records its code, resume time and what landed; the next run finishes the job', async () => {
    const reference = new FakeCrm(ids, `quota-reference-${backend}`);
    await syncOnce(t.store, reference, wh);
    const crm = new FakeCrm(ids, `quota-${backend}`);
    crm.fail = { step: 'write:2', mode: 'quota' };
    await expect(syncOnce(t.store, crm, wh)).rejects.toMatchObject({ code: 'CRM_RATE_LIMITED', resumeAt: RESUME_AT });
    const [stopped] = await t.store.listRuns(1);
    // Units of 5 in chunks of 7: 5 + 2 accounts, then the fields of 3 more landed before the stop; one of
    // those 3 also owes a task, never sent, so it is not counted written (and not rejected: it is pending).
    expect(stopped).toMatchObject({ status: 'stopped', error_code: 'CRM_RATE_LIMITED', resume_at: RESUME_AT, written: 9, rejected: 0 });
    expect(await t.store.runRejections(stopped?.id ?? -1)).toEqual([]);
    const landed = await t.db.query(
      `select count(distinct account_id)::int as n from field_values where run_id = $1`, [stopped?.id ?? -1],
    );
    expect(landed).toEqual([{ n: 10 }]);

    crm.fail = null;
    const resumed = await syncOnce(t.store, crm, wh);
    // The 14 accounts never reached, and the one whose task was still owed.
    expect(resumed).toMatchObject({ changed: 15, written: 15, rejected: 0 });
    expect(crm.snapshot()).toEqual(reference.snapshot());
  });

  it('one run at a time per installation, and a run a crash left running is marked interrupted', async () => {
    const crm = new FakeCrm(ids, `lock-${backend}`);
    const installation = await t.store.ensureInstallation('default', 'hubspot', crm.installationId, null);
    const held = await t.store.startRun(installation.id, AS_OF, NOW);
    await expect(t.store.startRun(installation.id, AS_OF, NOW)).rejects.toMatchObject({ code: 'SYNC_BUSY' });
    if (t.url !== null) {
      // Another process (another session) is refused by the advisory lock.
      const other = sqlStateStore(await connectPostgres(t.url));
      await expect(other.startRun(installation.id, AS_OF, NOW)).rejects.toMatchObject({ code: 'SYNC_BUSY' });
      await other.close();
    }
    // As if the process died: the lock goes with the session, the row stays 'running'.
    await t.db.query('select pg_advisory_unlock_all()');
    const next = await freshStoreRun(t, installation.id);
    await next.finish(ZERO_COUNTS, { status: 'succeeded', errorCode: null, error: null, resumeAt: null }, NOW);
    expect(await t.store.getRun(held.runId)).toMatchObject({ status: 'interrupted' });
  });
});

/** A run started through a second store object on the same database, as the next process would. */
async function freshStoreRun(t: TestStore, installationId: number) {
  return sqlStateStore(t.db).startRun(installationId, AS_OF, NOW);
}
