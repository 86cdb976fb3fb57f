import { CATALOG, entriesFor } from '../../../src/catalog/catalog';
import { salesforceFieldName } from '../../../src/catalog/names';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';
import { DESCRIBE_TYPES, salesforceType } from '../../../src/catalog/salesforce-fields';
import type { CatalogEntry } from '../../../src/catalog/types';

/**
 * Which fields `pulse crm setup --crm salesforce` expects, and how an org's `describe` answer compares.
 * Pure: the org is read elsewhere, so the comparison is tested on fabricated describe results.
 */
export interface ExpectedField {
  object: string;
  name: string;
  /** As `describe` reports it: double, percent, currency, picklist, date, datetime, string, textarea, boolean. */
  type: string;
  picklistValues?: readonly string[];
  externalId?: boolean;
}

export interface DescribedField {
  name: string;
  type: string;
  externalId: boolean;
  unique: boolean;
  picklistValues: { value: string; active: boolean }[];
}

/** Objects checked, in order; Task custom fields are Activity fields and show on Task's describe. */
export const CHECKED_OBJECTS = ['Account', 'Task', PLAYBOOK_EVENT.name] as const;

function expectedFor(object: string, entry: CatalogEntry): ExpectedField {
  return {
    object,
    name: salesforceFieldName(entry),
    type: DESCRIBE_TYPES[salesforceType(entry)],
    ...(entry.type === 'enumeration' ? { picklistValues: entry.options.map((option) => option.value) } : {}),
    ...(entry.unique === true ? { externalId: true } : {}),
  };
}

export function expectedFields(catalog: readonly CatalogEntry[] = CATALOG): ExpectedField[] {
  return [
    ...entriesFor('account', catalog).map((entry) => expectedFor('Account', entry)),
    ...entriesFor('task', catalog).map((entry) => expectedFor('Task', entry)),
    ...PLAYBOOK_EVENT.fields.map((field) => ({ object: PLAYBOOK_EVENT.name, name: field.name, type: DESCRIBE_TYPES[field.type] })),
  ];
}

/** One problem per line, naming object, field, what the org has and what the catalog needs. */
export function compareField(expected: ExpectedField, found: DescribedField | undefined): { missing?: string; mismatch?: string[] } {
  const where = `${expected.object}.${expected.name}`;
  if (found === undefined) return { missing: `${where} (${expected.type})` };
  const mismatch: string[] = [];
  if (found.type !== expected.type) mismatch.push(`${where}: type is ${found.type}, the catalog needs ${expected.type}`);
  else if (expected.picklistValues !== undefined) {
    const active = found.picklistValues.filter((value) => value.active).map((value) => value.value);
    const absent = expected.picklistValues.filter((value) => !active.includes(value));
    const extra = active.filter((value) => !expected.picklistValues?.includes(value));
    if (absent.length > 0) mismatch.push(`${where}: picklist lacks ${absent.join(', ')}`);
    if (extra.length > 0) mismatch.push(`${where}: picklist has values the catalog does not: ${extra.join(', ')}`);
  }
  if (expected.externalId === true && !(found.externalId && found.unique)) mismatch.push(`${where}: must be a unique External ID`);
  return { mismatch };
}
