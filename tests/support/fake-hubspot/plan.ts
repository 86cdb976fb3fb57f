import type { FieldWrite, RecordHints, TaskWrite } from '../../../src/sync/ports';
import { hubspotManifests } from '../../../src/catalog/hubspot-manifest';
import type { FakeStore } from './store';

/** A seeded PRNG, so a plan and its faults are the same on every run: the sample generator's. */
import { createRng } from '../../../sample-data/prng';

export const seededRandom = createRng;

/** A valid value of every Pulse company property, as the catalog formats them (strings, `YYYY-MM-DD`, ISO). */
function companyValues(accountId: string, random: () => number): Record<string, string> {
  const values: Record<string, string> = {};
  const companies = hubspotManifests().find((manifest) => manifest.objectType === 'companies');
  for (const property of companies?.properties ?? []) {
    const n = Math.floor(random() * 1000);
    const day = `2025-0${1 + (n % 9)}-${String(1 + (n % 28)).padStart(2, '0')}`;
    switch (property.type) {
      case 'number':
        values[property.name] = String(n / 10);
        break;
      case 'enumeration':
        values[property.name] = property.options[n % property.options.length]?.value ?? '';
        break;
      case 'bool':
        values[property.name] = n % 2 === 0 ? 'true' : 'false';
        break;
      case 'date':
        values[property.name] = day;
        break;
      case 'datetime':
        values[property.name] = `${day}T0${n % 10}:30:00.000Z`;
        break;
      case 'string':
        values[property.name] = `${property.name} of ${accountId} #${n}`;
        break;
    }
  }
  values.pulse_account_id = accountId;
  return values;
}

export interface SyntheticPlan {
  hints: RecordHints[];
  /** Field writes; `record_id` is filled in once resolved. */
  writes: FieldWrite[];
  tasks: TaskWrite[];
  /** Owner id of each company, by account. */
  owners: Map<string, string>;
}

/**
 * Seeds the fake portal with one company per account (with an owner) and returns the plan the engine
 * would hand the connector: hints carrying the company id, every Pulse property changed, and one task
 * for every `taskEvery`-th account.
 */
export function seedSyntheticPlan(store: FakeStore, options: { accounts: number; taskEvery?: number; seed?: number }): SyntheticPlan {
  const random = seededRandom(options.seed ?? 7);
  const plan: SyntheticPlan = { hints: [], writes: [], tasks: [], owners: new Map() };
  for (let i = 0; i < options.accounts; i += 1) {
    const accountId = `acct-${String(i).padStart(6, '0')}`;
    const owner = String(7000 + (i % 13));
    const companyId = store.seedCompany({ name: `Company ${i}`, domain: `company-${i}.example`, hubspot_owner_id: owner });
    plan.owners.set(accountId, owner);
    plan.hints.push({ account_id: accountId, name: `Company ${i}`, domain: `company-${i}.example`, record_id: companyId });
    plan.writes.push({ account_id: accountId, record_id: companyId, values: companyValues(accountId, random) });
    if (i % (options.taskEvery ?? 10) === 0) {
      plan.tasks.push({
        key: `${accountId}:commit_underuse:2025-04-01`,
        account_id: accountId,
        record_id: companyId,
        subject: `Review commitment pace of Company ${i}`,
        body: 'Usage runs below the committed pace.',
        priority: (['high', 'medium', 'low'] as const)[i % 3] ?? 'medium',
        due_date: '2025-04-08',
        owner: null,
      });
    }
  }
  return plan;
}
