import { PulseError } from '../errors';
import { hubspotPropertyName } from './names';
import type { CatalogEntry, CatalogValue, EnumerationEntry, NumberEntry, TextEntry } from './types';

/**
 * Value formatting per CRM. Both formatters accept what the signal engine's output formatter produces
 * (numbers already rounded, dates `YYYY-MM-DD`, enumerations as their option value) and reject anything
 * that would not mean the same in both CRMs, so a bad value fails its record here rather than in a batch.
 */
export type SalesforceValue = string | number | boolean | null;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(entry: CatalogEntry, expected: string, value: CatalogValue): PulseError {
  return new PulseError('INPUT_INVALID', `${hubspotPropertyName(entry)}: expected ${expected}, got ${JSON.stringify(value)}`, {
    place: entry.key,
  });
}

function toNumber(entry: NumberEntry, value: CatalogValue): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw invalid(entry, 'a finite number', value);
  // Round to the catalog's decimals so HubSpot and Salesforce (whose scale would round anyway) hold the same figure.
  return Number(n.toFixed(entry.decimals));
}

function toOption(entry: EnumerationEntry, value: CatalogValue): string {
  if (typeof value === 'string' && entry.options.some((option) => option.value === value)) return value;
  throw invalid(entry, `one of ${entry.options.map((option) => option.value).join(', ')}`, value);
}

function toDate(entry: CatalogEntry, value: CatalogValue): string {
  // Round-trip through Date: V8 quietly rolls 2025-02-30 over to March, which would write the wrong day.
  const ms = typeof value === 'string' && DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (typeof value === 'string' && Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value)) return value;
  throw invalid(entry, 'a date YYYY-MM-DD', value);
}

/** Any ISO-8601 instant (or epoch milliseconds) becomes UTC ISO with milliseconds, the form both CRMs store. */
function toDatetime(entry: CatalogEntry, value: CatalogValue): string {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw invalid(entry, 'an ISO-8601 datetime', value);
  return new Date(ms).toISOString();
}

function toBoolean(entry: CatalogEntry, value: CatalogValue): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalid(entry, 'a boolean', value);
}

/** Cut at the catalog's length, on a code point boundary, marking the cut so a reader knows text is missing. */
function toText(entry: TextEntry, value: CatalogValue): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(entry, 'text', value);
  const chars = Array.from(String(value));
  return chars.length <= entry.maxLength ? chars.join('') : `${chars.slice(0, entry.maxLength - 1).join('')}…`;
}

/**
 * HubSpot takes every value as a string. Dates go as `YYYY-MM-DD`, which HubSpot stores as midnight UTC
 * of that day (what its date properties expect); an empty string clears the property, so `null` is ''.
 */
export function formatForHubspot(entry: CatalogEntry, value: CatalogValue): string {
  if (value === null) return '';
  switch (entry.type) {
    case 'number':
    case 'percent':
    case 'currency':
      return String(toNumber(entry, value));
    case 'enumeration':
      return toOption(entry, value);
    case 'date':
      return toDate(entry, value);
    case 'datetime':
      return toDatetime(entry, value);
    case 'boolean':
      return toBoolean(entry, value) ? 'true' : 'false';
    case 'text':
      return toText(entry, value);
  }
}

/**
 * Salesforce takes typed JSON values; `null` clears a field. A checkbox cannot be empty, so a `null`
 * boolean is written as `false` (documented on the field).
 */
export function formatForSalesforce(entry: CatalogEntry, value: CatalogValue): SalesforceValue {
  if (value === null) return entry.type === 'boolean' ? false : null;
  switch (entry.type) {
    case 'number':
    case 'percent':
    case 'currency':
      return toNumber(entry, value);
    case 'enumeration':
      return toOption(entry, value);
    case 'date':
      return toDate(entry, value);
    case 'datetime':
      return toDatetime(entry, value);
    case 'boolean':
      return toBoolean(entry, value);
    case 'text':
      return toText(entry, value);
  }
}
