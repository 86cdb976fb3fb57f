import type { CatalogEntry } from './types';

/** The HubSpot property group every Pulse property lives in. */
export const HUBSPOT_GROUP = { name: 'consumption_pulse', label: 'Consumption Pulse' } as const;

/** Salesforce caps custom field API names (with `__c`) at 40 characters. */
export const SALESFORCE_NAME_MAX = 40;
export const SALESFORCE_LABEL_MAX = 40;

export function hubspotName(key: string): string {
  return `pulse_${key}`;
}

/** `commit_days_early` → `Pulse_Commit_Days_Early__c`. */
export function salesforceName(key: string): string {
  const words = key.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `Pulse_${words.join('_')}__c`;
}

export function hubspotPropertyName(entry: CatalogEntry): string {
  return hubspotName(entry.key);
}

export function salesforceFieldName(entry: CatalogEntry): string {
  return salesforceName(entry.key);
}
