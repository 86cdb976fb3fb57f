import type { SignalField } from '../domain/signals';
import { CATALOG } from './catalog';
import { formatForHubspot, formatForSalesforce, type SalesforceValue } from './format';
import { hubspotPropertyName, salesforceFieldName } from './names';
import type { CatalogEntry, CatalogValue } from './types';

/** A record as the signal engine's output formatter produces it (percent 1 decimal, money cents). */
export type FormattedSignals = Readonly<Record<SignalField, CatalogValue>>;

/**
 * Values of catalog fields that do not come from a signal (`last_playbook`, `last_playbook_fired_at`,
 * `last_synced_at`), keyed by catalog key. A key left out is not written, so a sync that fires no
 * playbook leaves the last firing in place instead of clearing it.
 */
export type ExtraValues = Readonly<Partial<Record<string, CatalogValue>>>;

function valuesOf(signals: FormattedSignals, extra: ExtraValues, catalog: readonly CatalogEntry[]): [CatalogEntry, CatalogValue][] {
  const pairs: [CatalogEntry, CatalogValue][] = [];
  for (const entry of catalog) {
    if (entry.object !== 'account') continue;
    if (entry.source.kind === 'signal') {
      pairs.push([entry, signals[entry.source.field]]);
    } else if (Object.prototype.hasOwnProperty.call(extra, entry.key)) {
      pairs.push([entry, extra[entry.key] ?? null]);
    }
  }
  return pairs;
}

/** The HubSpot company property map (`pulse_<key>` → string) for one account. */
export function toHubspotProperties(
  signals: FormattedSignals,
  extra: ExtraValues = {},
  catalog: readonly CatalogEntry[] = CATALOG,
): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [entry, value] of valuesOf(signals, extra, catalog)) properties[hubspotPropertyName(entry)] = formatForHubspot(entry, value);
  return properties;
}

/** The Salesforce Account field map (`Pulse_<Key>__c` → typed value) for one account. */
export function toSalesforceFields(
  signals: FormattedSignals,
  extra: ExtraValues = {},
  catalog: readonly CatalogEntry[] = CATALOG,
): Record<string, SalesforceValue> {
  const fields: Record<string, SalesforceValue> = {};
  for (const [entry, value] of valuesOf(signals, extra, catalog)) fields[salesforceFieldName(entry)] = formatForSalesforce(entry, value);
  return fields;
}
