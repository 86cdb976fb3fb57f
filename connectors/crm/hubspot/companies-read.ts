import { PulseError } from '../../../src/errors';
import { chunk, mapPool } from '../kit/pool';
import { HUBSPOT, HUBSPOT_API } from './description';
import type { HubspotSession } from './session';

const { accountId, owner, domain } = HUBSPOT_API.properties;
/** Read with every company: the owner, so tasks can be assigned without another call. */
export const COMPANY_READ_PROPERTIES = [accountId, owner, domain];

export interface CompanyFound {
  id: string;
  properties: Record<string, string | null>;
}

/** Remembers each company's owner, for the tasks created later on it. */
export function noteOwner(session: HubspotSession, company: CompanyFound): void {
  const value = company.properties[owner];
  session.owners.set(company.id, value === undefined || value === null || value === '' ? null : value);
}

/**
 * Reads companies by id, or by a unique property (`idProperty`), 100 per call (`lookupSize`). Returns the companies
 * found, keyed by the value asked for; ids HubSpot does not hold (deleted, merged) are simply absent.
 * A read that fails after its retries stops resolving: guessing "unmatched" would misreport the account.
 */
export async function readCompanies(session: HubspotSession, ids: readonly string[], idProperty?: string): Promise<Map<string, CompanyFound>> {
  const found = new Map<string, CompanyFound>();
  const name = `batch read companies${idProperty === undefined ? '' : ` by ${idProperty}`}`;
  await mapPool(chunk([...new Set(ids)], HUBSPOT.lookupSize), session.requestsInFlight, async (batch) => {
    const answer = await session.link.call(name, 'standard', (options) =>
      session.link.apis().companies.batchApi.readWithHttpInfo(
        { inputs: batch.map((id) => ({ id })), properties: COMPANY_READ_PROPERTIES, propertiesWithHistory: [], idProperty },
        false,
        options,
      ),
    );
    if (!answer.ok) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot ${name} failed: ${answer.message}`, { place: name });
    for (const result of answer.data.results) {
      const company = { id: result.id, properties: result.properties };
      noteOwner(session, company);
      const key = idProperty === undefined ? result.id : result.properties[idProperty];
      if (key !== undefined && key !== null) found.set(key, company);
    }
  });
  return found;
}
