import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies';
import { PulseError } from '../../../src/errors';
import { COMPANY_READ_PROPERTIES, noteOwner, type CompanyFound } from './companies-read';
import { chunk } from '../kit/pool';
import { HUBSPOT_API } from './description';
import type { HubspotSession } from './session';

/** `https://www.Acme.com/pricing` → `acme.com`: the form HubSpot keeps in `domain`. */
export function normalizeDomain(value: string | null): string | null {
  if (value === null) return null;
  const host = value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').split(/[/?#:]/)[0] ?? '';
  return host.includes('.') ? host : null;
}

/**
 * Finds companies by domain through the search API, 100 domains per request (its IN-filter limit),
 * paging by 200. Search runs in its own lane (about 4 per second) and is used only to resolve accounts
 * that have neither a HubSpot id nor a `pulse_account_id` yet; after the first write they have both.
 */
export async function searchByDomain(session: HubspotSession, domains: readonly string[]): Promise<Map<string, CompanyFound[]>> {
  const byDomain = new Map<string, CompanyFound[]>();
  // Sequential on purpose: search allows a few requests per second, so parallel pages would only queue.
  for (const values of chunk([...new Set(domains)], HUBSPOT_API.searchInMax)) {
    let after: string | undefined;
    do {
      const answer = await session.link.call('search companies by domain', 'search', (options) =>
        session.link.apis().companies.searchApi.doSearchWithHttpInfo(
          {
            filterGroups: [{ filters: [{ propertyName: HUBSPOT_API.properties.domain, operator: FilterOperatorEnum.In, values }] }],
            properties: COMPANY_READ_PROPERTIES,
            limit: HUBSPOT_API.searchPageMax,
            after,
          },
          options,
        ),
      );
      if (!answer.ok) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot search companies by domain failed: ${answer.message}`, { place: 'search companies' });
      for (const result of answer.data.results) {
        const company = { id: result.id, properties: result.properties };
        noteOwner(session, company);
        const domain = normalizeDomain(result.properties[HUBSPOT_API.properties.domain] ?? null);
        if (domain !== null) byDomain.set(domain, [...(byDomain.get(domain) ?? []), company]);
      }
      after = answer.data.paging?.next?.after;
    } while (after !== undefined);
  }
  return byDomain;
}
