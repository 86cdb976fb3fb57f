import type { ComputedAccount } from '../../../src/pipeline/compute-signals';
import { AS_OF, dumpState, exampleAccounts, openTestStore, syncOnce, type Backend, type TestStore } from './harness';
import { FakeCrm } from './fake-crm';

let accounts: ComputedAccount[] = [];
beforeAll(async () => {
  accounts = await exampleAccounts();
});

describe.each<Backend>(['pglite', 'postgres'])('sync engine on %s', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(() => t.cleanup());

  it('smoke', async () => {
    const crm = new FakeCrm(accounts.map((a) => a.account.account_id), `smoke-${backend}`);
    const counts = await syncOnce(t.store, crm, accounts);
    console.log(counts, crm.snapshot().eventKeys.length, Object.keys(crm.snapshot().tasks).length, AS_OF);
    const again = await syncOnce(t.store, crm, accounts);
    console.log(again, crm.calls);
    const dump = await dumpState(t.db, crm.installationId);
    console.log(Object.fromEntries(Object.entries(dump).map(([k, v]) => [k, v.length])), dump.firings?.slice(0, 2));
  });
});
