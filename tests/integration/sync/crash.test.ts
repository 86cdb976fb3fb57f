import type { ComputedAccount } from '../../../src/pipeline/compute-signals';
import type { SyncStep } from '../../../src/sync/plan-stream';
import { dumpState, exampleAccounts, exampleWarehouse, openTestStore, syncOnce, type Backend, type ExampleWarehouse, type TestStore } from './harness';
import { FakeCrm, InjectedFailure, type FailMode, type FailStep } from './fake-crm';

/**
 * A run killed between any two steps, then run again, must reach exactly the end state of an
 * uninterrupted run: the same CRM records, the same tasks (none twice), the same store.
 */
type Kill = { at: FailStep; mode: FailMode } | { beforeStateUpdate: number };

const KILLS: Kill[] = [
  { at: 'resolve', mode: 'before' },
  ...(['before', 'mid', 'after'] as const).flatMap((mode) => [
    { at: 'write:0' as const, mode },
    { at: 'write:3' as const, mode },
    { at: 'tasks' as const, mode },
    { at: 'events' as const, mode },
  ]),
  { beforeStateUpdate: 0 },
  { beforeStateUpdate: 4 },
];

const name = (kill: Kill) => ('at' in kill ? `${kill.mode} ${kill.at}` : `before the state update of batch ${kill.beforeStateUpdate}`);

let accounts: ComputedAccount[] = [];
let wh: ExampleWarehouse;
beforeAll(async () => {
  wh = await exampleWarehouse();
  accounts = await exampleAccounts(wh);
});
afterAll(() => wh?.cleanup());

describe.each<Backend>(['pglite', 'postgres'])('crash safety on %s', (backend) => {
  let t: TestStore;
  let reference: { crm: ReturnType<FakeCrm['snapshot']>; state: Record<string, unknown[]>; tasks: number };
  const ids = () => accounts.map((a) => a.account.account_id);

  beforeAll(async () => {
    t = await openTestStore(backend);
    const crm = new FakeCrm(ids(), 'uninterrupted');
    await syncOnce(t.store, crm, wh);
    reference = { crm: crm.snapshot(), state: await dumpState(t.db, crm.installationId), tasks: crm.tasks.size };
  });
  afterAll(() => t?.cleanup());

  it.each(KILLS.map((kill) => [name(kill), kill] as const))('killed %s, then re-run: same end state, no task twice', async (label, kill) => {
    const crm = new FakeCrm(ids(), `killed ${label}`);
    let progress: ((step: SyncStep) => void) | undefined;
    if ('at' in kill) crm.fail = { step: kill.at, mode: kill.mode };
    else {
      progress = (step) => {
        if (step.step === 'record' && step.batch === kill.beforeStateUpdate) throw new InjectedFailure('killed before the state update');
      };
    }
    await expect(syncOnce(t.store, crm, wh, { progress })).rejects.toBeInstanceOf(InjectedFailure);
    const [failed] = await t.store.listRuns(1);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/injected failure|killed/) });

    crm.fail = null;
    const rerun = await syncOnce(t.store, crm, wh);
    expect(rerun.rejected).toBe(0);
    expect(crm.snapshot()).toEqual(reference.crm);
    expect(crm.tasks.size).toBe(reference.tasks);
    expect(await dumpState(t.db, crm.installationId)).toEqual(reference.state);

    // And the end state is final: one more run has nothing to do.
    const calls = crm.calls;
    const third = await syncOnce(t.store, crm, wh);
    expect(crm.calls).toBe(calls);
    expect(third.changed).toBe(0);
  });
});
