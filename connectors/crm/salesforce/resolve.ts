import { z } from 'zod';
import { PulseError } from '../../../src/errors';
import type { RecordHints } from '../../../src/sync/ports';
import { chunk, mapPool } from '../kit/pool';
import { SALESFORCE } from './description';
import type { SalesforceSession } from './session';
import { SALESFORCE_ID, soqlIn } from './soql';

const ACCOUNT_ID_FIELD = 'Pulse_Account_Id__c';
const queryAnswer = z.object({
  records: z.array(z.object({ Id: z.string(), OwnerId: z.string().nullish(), [ACCOUNT_ID_FIELD]: z.string().nullish() })),
  done: z.boolean(),
});
type AccountFound = z.infer<typeof queryAnswer>['records'][number];

/** Accounts where `field` is one of `values`, a lookup-size chunk per query; a query that fails after its retries stops resolving. */
async function readAccounts(session: SalesforceSession, field: 'Id' | typeof ACCOUNT_ID_FIELD, values: readonly string[]): Promise<AccountFound[]> {
  const found: AccountFound[] = [];
  await mapPool(chunk([...new Set(values)], SALESFORCE.lookupSize), session.requestsInFlight, async (part) => {
    const soql = soqlIn('Account', ['Id', 'OwnerId', ACCOUNT_ID_FIELD], field, part);
    const name = `query Account by ${field}`;
    const answer = await session.link.request<unknown>(name, { method: 'GET', url: `/query?q=${encodeURIComponent(soql)}` });
    // Guessing "unmatched" would misreport the account: stop instead, the next run resolves again.
    if (!answer.ok) throw new PulseError('CRM_REQUEST_FAILED', `Salesforce ${name} failed: ${answer.message}`, { place: name });
    const parsed = queryAnswer.parse(answer.data);
    for (const account of parsed.records) session.owners.set(account.Id, account.OwnerId ?? null);
    found.push(...parsed.records);
  });
  return found;
}

/**
 * Finds each account's Salesforce Account: by the warehouse's `salesforce_account_id`, else by
 * `Pulse_Account_Id__c`. An Account that already carries another account's id is not this account's,
 * whatever the warehouse says. Reads only, unless `createMissingAccounts` (never in a plan).
 */
export async function resolveAccounts(session: SalesforceSession, accounts: readonly RecordHints[]): Promise<Map<string, string | null>> {
  const resolved = new Map<string, string | null>(accounts.map((account) => [account.account_id, null]));
  const withId = accounts.filter((account) => account.record_id !== null && SALESFORCE_ID.test(account.record_id));
  const byId = new Map((await readAccounts(session, 'Id', withId.map((a) => a.record_id ?? ''))).map((found) => [found.Id.slice(0, 15), found]));
  for (const account of withId) {
    const found = byId.get((account.record_id ?? '').slice(0, 15));
    const holder = found?.[ACCOUNT_ID_FIELD];
    if (found !== undefined && (holder === undefined || holder === null || holder === '' || holder === account.account_id)) {
      resolved.set(account.account_id, found.Id);
      // The first write to it sets Pulse_Account_Id__c, so later matching needs no warehouse id.
      if (holder !== account.account_id) session.matchedById.set(found.Id, account.account_id);
    }
  }
  const open = () => accounts.filter((account) => resolved.get(account.account_id) === null);
  if (open().length > 0) {
    const byAccountId = new Map((await readAccounts(session, ACCOUNT_ID_FIELD, open().map((a) => a.account_id))).map((found) => [found[ACCOUNT_ID_FIELD] ?? '', found]));
    for (const account of open()) resolved.set(account.account_id, byAccountId.get(account.account_id)?.Id ?? null);
  }
  if (session.createMissingAccounts && open().length > 0) await createAccounts(session, open(), resolved);
  return resolved;
}

const upsertAnswer = z.array(z.object({ id: z.string().nullish(), success: z.boolean() }));

/**
 * `crm.salesforce.create_missing_accounts`: an Account for each account nothing matched, upserted by
 * `Pulse_Account_Id__c` so a replay finds the Account the first attempt made instead of making a second.
 * An account whose create failed stays unmatched and is reported; the next run tries again.
 */
async function createAccounts(session: SalesforceSession, accounts: readonly RecordHints[], resolved: Map<string, string | null>): Promise<void> {
  const name = 'upsert Accounts by Pulse_Account_Id__c';
  await mapPool(chunk(accounts, SALESFORCE.batchSize), session.requestsInFlight, async (batch) => {
    const records = batch.map((account) => ({ attributes: { type: 'Account' }, [ACCOUNT_ID_FIELD]: account.account_id, Name: (account.name ?? account.account_id).slice(0, 255) }));
    const answer = await session.link.request<unknown>(name, {
      method: 'PATCH',
      url: `/composite/sobjects/Account/${ACCOUNT_ID_FIELD}`,
      body: JSON.stringify({ allOrNone: false, records }),
      headers: { 'Content-Type': 'application/json' },
    });
    if (!answer.ok) return;
    upsertAnswer.parse(answer.data).forEach((result, index) => {
      const account = batch[index];
      if (account === undefined || !result.success || !result.id) return;
      resolved.set(account.account_id, result.id);
      // Owned by the integration user until someone assigns it: tasks go to Salesforce's default owner.
      session.owners.set(result.id, null);
    });
  });
}
