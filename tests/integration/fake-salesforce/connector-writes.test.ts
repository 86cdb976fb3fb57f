/**
 * The Salesforce connector's own rules against the fake org, through jsforce: locked rows sent again
 * later in the same write, and Accounts created only when configured, by an upsert a replay cannot double.
 */
import { createSalesforceConnector } from '../../../connectors/crm/salesforce/connector';
import type { FieldWrite, RecordHints } from '../../../src/sync/ports';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';

let fake: FakeSalesforce;
afterEach(() => fake.close());

const FAST = { retryPolicy: { baseMs: 1, capMs: 2 }, lockRetry: { rounds: 2, firstPauseMs: 1 } };

function connect(options: { createMissingAccounts?: boolean } = {}) {
  return createSalesforceConnector({ instanceUrl: fake.baseUrl, accessToken: fake.accessToken, ...FAST, ...options });
}

function seed(count: number): FieldWrite[] {
  return Array.from({ length: count }, (_, i) => {
    const account = `acct-${i}`;
    return { account_id: account, record_id: fake.org.seedAccount({ Name: `Company ${i}`, Pulse_Account_Id__c: account }), values: { Pulse_Health_Score__c: 50 + i } };
  });
}

const hints = (ids: string[]): RecordHints[] => ids.map((id) => ({ account_id: id, name: `Name of ${id}`, domain: null, record_id: null }));

describe('Salesforce connector writes against the fake org', () => {
  it('sends records refused with UNABLE_TO_LOCK_ROW again after the others, and they land', async () => {
    fake = await startFakeSalesforce();
    const writes = seed(5);
    fake.faults.add({ fault: { kind: 'lock', positions: [0, 3] }, method: 'PATCH', path: '/composite/sobjects', times: 1 });
    const connector = await connect();
    const results = await connector.writeFields(writes);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.map((result) => result.key).sort()).toEqual(writes.map((write) => write.account_id).sort());
    for (const write of writes) expect(fake.org.get('Account', write.record_id)?.fields.Pulse_Health_Score__c).toBe(write.values.Pulse_Health_Score__c);
    // The first call, then one more for the two locked records alone.
    expect(fake.stats.byRoute.get('PATCH /composite/sobjects')).toBe(2);
  });

  it('a row locked through every round is a retryable failure with Salesforce\'s code, and its neighbours are written once', async () => {
    fake = await startFakeSalesforce();
    const writes = seed(3);
    fake.faults.add({ fault: { kind: 'lock', positions: [0] }, method: 'PATCH', path: '/composite/sobjects', times: 3 });
    const results = await (await connect()).writeFields(writes);
    const failed = results.filter((result) => !result.ok);
    expect(failed).toEqual([expect.objectContaining({ key: 'acct-0', retryable: true, code: 'UNABLE_TO_LOCK_ROW' })]);
    expect(results).toHaveLength(3);
    expect(fake.stats.byRoute.get('PATCH /composite/sobjects')).toBe(3);
    expect(fake.org.writesOf('Account', writes[1]?.record_id ?? '', 'Pulse_Health_Score__c')).toBe(1);
  });

  it('leaves unmatched accounts unmatched unless create_missing_accounts, then upserts them once even when a reply is lost', async () => {
    fake = await startFakeSalesforce();
    const matched = fake.org.seedAccount({ Name: 'Known', Pulse_Account_Id__c: 'acct-known' });
    const reading = await connect();
    expect(await reading.resolveRecords(hints(['acct-known', 'acct-new']))).toEqual(new Map([['acct-known', matched], ['acct-new', null]]));
    expect(fake.org.records.Account.size).toBe(1);

    const creating = await connect({ createMissingAccounts: true });
    // The create lands but its answer is lost: the retried upsert finds the Account it made.
    fake.faults.add({ fault: { kind: 'drop', when: 'after' }, method: 'PATCH', path: '/composite/sobjects/Account', times: 1 });
    const resolved = await creating.resolveRecords(hints(['acct-known', 'acct-new', 'acct-other']));
    expect(fake.faults.applied.get('drop after')).toBe(1);
    expect(resolved.get('acct-known')).toBe(matched);
    expect(fake.org.records.Account.size).toBe(3);
    for (const id of ['acct-new', 'acct-other']) {
      const created = fake.org.get('Account', resolved.get(id) ?? '');
      expect(created?.fields).toMatchObject({ Name: `Name of ${id}`, Pulse_Account_Id__c: id });
    }
    const again = await (await connect({ createMissingAccounts: true })).resolveRecords(hints(['acct-new']));
    expect(again.get('acct-new')).toBe(resolved.get('acct-new'));
    expect(fake.org.records.Account.size).toBe(3);
  });
});
