import { SIGNAL_FIELDS } from '../domain/signals';
import { PulseError } from '../errors';
import { ADOPTION_ENTRIES } from './entries/adoption';
import { COMMITMENT_ENTRIES } from './entries/commitment';
import { EXPANSION_ENTRIES } from './entries/expansion';
import { HEALTH_ENTRIES } from './entries/health';
import { SYNC_ENTRIES } from './entries/sync';
import { VALUE_ENTRIES } from './entries/value';
import { SALESFORCE_LABEL_MAX, SALESFORCE_NAME_MAX, salesforceName } from './names';
import type { CatalogEntry, CrmObject } from './types';

/**
 * The one list of CRM-facing fields, in the order the docs table and the manifests list them.
 * Keys are a public contract: sales ops build workflows on them, so never rename one.
 */
export const CATALOG: readonly CatalogEntry[] = [
  ...HEALTH_ENTRIES,
  ...COMMITMENT_ENTRIES,
  ...ADOPTION_ENTRIES,
  ...VALUE_ENTRIES,
  ...EXPANSION_ENTRIES,
  ...SYNC_ENTRIES,
];

export function entriesFor(object: CrmObject, catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry[] {
  return catalog.filter((entry) => entry.object === object);
}

export function findEntry(key: string, catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry | undefined {
  return catalog.find((entry) => entry.key === key);
}

/** Every rule the CRMs would otherwise reject at deploy time, as a list of problems (empty when valid). */
export function catalogProblems(catalog: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of catalog) {
    const where = `catalog entry '${entry.key}'`;
    // Salesforce forbids double underscores and a trailing underscore in API names.
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(entry.key)) problems.push(`${where}: key must be snake_case`);
    if (seen.has(entry.key)) problems.push(`${where}: duplicate key`);
    seen.add(entry.key);
    if (salesforceName(entry.key).length > SALESFORCE_NAME_MAX) {
      problems.push(`${where}: Salesforce name ${salesforceName(entry.key)} is over ${SALESFORCE_NAME_MAX} characters`);
    }
    if (entry.label.length > SALESFORCE_LABEL_MAX) problems.push(`${where}: label is over ${SALESFORCE_LABEL_MAX} characters`);
    // Salesforce inline help text holds 510 characters; the description doubles as it.
    if (entry.description.length === 0 || entry.description.length > 510) problems.push(`${where}: description must be 1..510 characters`);
    if (entry.source.kind === 'signal' && !SIGNAL_FIELDS.includes(entry.source.field)) {
      problems.push(`${where}: unknown signal '${entry.source.field}'`);
    }
    if (entry.unique === true && entry.type !== 'text') problems.push(`${where}: only text fields can be unique external ids`);
    if (entry.type === 'enumeration') {
      const values = entry.options.map((option) => option.value);
      if (values.length === 0 || new Set(values).size !== values.length) problems.push(`${where}: options must be non-empty and distinct`);
    }
    if (entry.type === 'text' && (entry.maxLength < 1 || entry.maxLength > 131072)) problems.push(`${where}: maxLength out of range`);
  }
  return problems;
}

export function assertCatalog(catalog: readonly CatalogEntry[] = CATALOG): void {
  const problems = catalogProblems(catalog);
  if (problems.length > 0) throw new PulseError('CATALOG_INVALID', problems.join('; '), { place: 'src/catalog' });
}
