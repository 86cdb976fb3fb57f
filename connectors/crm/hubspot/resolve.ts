import type { RecordHints } from '../../../src/sync/ports';
import { chunk, mapPool } from '../kit/pool';
import { readCompanies, noteOwner } from './companies-read';
import { normalizeDomain, searchByDomain } from './domain-search';
import { HUBSPOT, HUBSPOT_API } from './description';
import type { HubspotSession } from './session';

const { accountId } = HUBSPOT_API.properties;
/** HubSpot object ids are numbers; anything else from the warehouse is a typo, not an id to send. */
const HUBSPOT_ID = /^\d{1,20}$/;

/**
 * Finds each account's company: by the company id the warehouse gives (`record_id`, from `hubspot_company_id`), else by the unique
 * `pulse_account_id`, else (when enabled) by domain, else (when enabled) creates it. Reads are by id or
 * unique value (batch read, 100 per call, read-after-write consistent); only domains need search.
 */
export async function resolveCompanies(session: HubspotSession, accounts: readonly RecordHints[]): Promise<Map<string, string | null>> {
  const resolved = new Map<string, string | null>(accounts.map((account) => [account.account_id, null]));
  const open = (): RecordHints[] => accounts.filter((account) => resolved.get(account.account_id) === null);

  const withId = accounts.filter((account) => account.record_id !== null && HUBSPOT_ID.test(account.record_id));
  const byId = await readCompanies(session, withId.map((account) => account.record_id ?? ''));
  for (const account of withId) {
    const company = byId.get(account.record_id ?? '');
    // A company that already carries another account's id is not this account's, whatever the warehouse says.
    const owner = company?.properties[accountId];
    if (company !== undefined && (owner === undefined || owner === null || owner === '' || owner === account.account_id)) {
      resolved.set(account.account_id, company.id);
    }
  }

  const byAccountId = await readCompanies(session, open().map((account) => account.account_id), accountId);
  for (const account of open()) resolved.set(account.account_id, byAccountId.get(account.account_id)?.id ?? null);

  if (session.matchByDomain) {
    const candidates = open().filter((account) => normalizeDomain(account.domain) !== null);
    const byDomain = await searchByDomain(session, candidates.map((account) => normalizeDomain(account.domain) ?? ''));
    for (const account of candidates) {
      const matches = (byDomain.get(normalizeDomain(account.domain) ?? '') ?? []).filter((company) => {
        const held = company.properties[accountId];
        return held === undefined || held === null || held === '';
      });
      // Two companies on one domain: guessing could write one customer's figures onto another. Left unmatched.
      if (matches.length === 1 && matches[0] !== undefined) resolved.set(account.account_id, matches[0].id);
    }
  }

  if (session.createMissingCompanies) await createCompanies(session, open(), resolved);
  return resolved;
}

/** Upserts by `pulse_account_id`, so a retry (or a crash and a re-run) finds the company it created instead of adding one. */
async function createCompanies(session: HubspotSession, accounts: readonly RecordHints[], resolved: Map<string, string | null>): Promise<void> {
  await mapPool(chunk(accounts, HUBSPOT.batchSize), session.requestsInFlight, async (batch) => {
    const answer = await session.link.call('batch upsert companies', 'standard', (options) =>
      session.link.apis().companies.batchApi.upsertWithHttpInfo(
        {
          inputs: batch.map((account) => {
            const properties: Record<string, string> = { [accountId]: account.account_id, name: account.name ?? account.account_id };
            const domain = normalizeDomain(account.domain);
            if (domain !== null) properties[HUBSPOT_API.properties.domain] = domain;
            return { id: account.account_id, idProperty: accountId, properties };
          }),
        },
        options,
      ),
    );
    // Accounts whose create failed stay unmatched and are reported; the next run tries again.
    if (!answer.ok) return;
    for (const result of answer.data.results) {
      const key = result.properties[accountId];
      if (key !== undefined && resolved.has(key)) {
        resolved.set(key, result.id);
        noteOwner(session, { id: result.id, properties: result.properties });
      }
    }
  });
}
