/** The descriptive fields of an account: name, domain, industry, owner and CRM ids. */
import { INDUSTRIES, NAME_FIRST, NAME_SECOND, NAME_SUFFIX, OWNERS_PER_SEGMENT, type Segment } from './catalog';
import { chance, intBetween, pick, type Rng } from './prng';

export interface Identity {
  name: string;
  domain: string;
  industry: string;
  ownerEmail: string | null;
  hubspotCompanyId: string | null;
  salesforceAccountId: string | null;
}

const SF_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An 18-character Salesforce Account id: key prefix `001`, then 15 id characters. */
function salesforceId(rng: Rng): string {
  let id = '001';
  for (let i = 0; i < 15; i++) id += SF_ALPHABET[Math.floor(rng() * SF_ALPHABET.length)];
  return id;
}

export function drawIdentity(rng: Rng, index: number, segment: Segment): Identity {
  const first = pick(rng, NAME_FIRST);
  const second = pick(rng, NAME_SECOND);
  const suffix = pick(rng, NAME_SUFFIX);
  const number = index + 1;
  return {
    // The number keeps names and domains unique however many accounts there are.
    name: `${first}${second} ${suffix} ${number}`,
    domain: `${(first + second).toLowerCase()}-${suffix.toLowerCase()}-${number}.example`,
    industry: pick(rng, INDUSTRIES),
    ownerEmail: chance(rng, 0.92) ? `csm-${segment.replace('_', '-')}-${intBetween(rng, 1, OWNERS_PER_SEGMENT)}@vendor.example` : null,
    // HubSpot ids are numeric strings; unique per account by construction, as in a real portal.
    hubspotCompanyId: chance(rng, 0.9) ? String(10_000_000_000 + number * 37 + intBetween(rng, 0, 36)) : null,
    salesforceAccountId: chance(rng, 0.85) ? salesforceId(rng) : null,
  };
}
