/**
 * A bulk job outlives the run that started it: the sync job keeps its id in the state store, and the
 * next run with the same writes polls that job instead of uploading the records again.
 */
import { createSalesforceConnector } from '../../../connectors/crm/salesforce/connector';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';
import { bulkJobsOf } from '../../support/fake-salesforce/bulk-jobs';
import { exampleAccounts, exampleWarehouse, openTestStore, syncOnce, type ExampleWarehouse, type TestStore } from './harness';

let wh: ExampleWarehouse;
let t: TestStore;
let fake: FakeSalesforce;
beforeAll(async () => {
  wh = await exampleWarehouse();
  t = await openTestStore('pglite');
});
afterAll(async () => {
  await t?.cleanup();
  wh?.cleanup();
});
afterEach(() => fake.close());

describe('Bulk API 2.0 through the sync job', () => {
  it('a job still running when the run gives up is polled, not uploaded again, by the next run', async () => {
    fake = await startFakeSalesforce();
    const accounts = await exampleAccounts(wh);
    const accountIds = new Map(accounts.map(({ account }) => [account.account_id, fake.org.seedAccount({ Name: account.account_id, Pulse_Account_Id__c: account.account_id })]));
    const connect = () =>
      createSalesforceConnector({ instanceUrl: fake.baseUrl, accessToken: fake.accessToken, bulkThreshold: 10, bulkPolling: { pollIntervalMs: 5, maxWaitMs: 150 } });
    const jobs = bulkJobsOf(fake.org);
    jobs.stall = true;

    const first = await syncOnce(t.store, await connect(), wh, { now: '2024-02-21T06:00:00.000Z' });
    expect(jobs.uploads).toBe(1);
    // Every field write handed back as retryable; tasks and events went through Collections.
    expect(first.rejected).toBe(accounts.length);
    expect([...fake.org.records.Account.values()].some((record) => record.fields.Pulse_Health_Score__c !== undefined)).toBe(false);

    jobs.stall = false;
    const second = await syncOnce(t.store, await connect(), wh, { now: '2024-02-21T06:20:00.000Z' });
    expect(jobs.uploads).toBe(1);
    expect(second.rejected).toBe(0);
    expect(second.written).toBe(accounts.length);
    for (const { account } of accounts) {
      const record = fake.org.get('Account', accountIds.get(account.account_id) ?? '');
      expect(record?.fields.Pulse_Health_Score__c).toEqual(expect.any(Number));
      // The job sent the first run's stamp: that is when these values went out.
      expect(record?.fields.Pulse_Last_Synced_At__c).toBe('2024-02-21T06:00:00.000Z');
    }
    const third = await syncOnce(t.store, await connect(), wh, { now: '2024-02-21T07:00:00.000Z' });
    expect(third.changed).toBe(0);
    expect(jobs.uploads).toBe(1);
  });
});
