import { CATALOG, entriesFor } from './catalog';
import { HUBSPOT_GROUP, hubspotPropertyName } from './names';
import type { CatalogEntry, CrmObject } from './types';

/** HubSpot property definitions in the shape its properties API (`POST /crm/v3/properties/{objectType}`) takes. */
export type HubspotObjectType = 'companies' | 'tasks';
export type HubspotType = 'number' | 'enumeration' | 'date' | 'datetime' | 'string' | 'bool';
export type HubspotFieldType = 'number' | 'select' | 'date' | 'text' | 'textarea' | 'booleancheckbox';

export interface HubspotOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface HubspotPropertyDefinition {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: HubspotType;
  fieldType: HubspotFieldType;
  options: HubspotOption[];
  hasUniqueValue: boolean;
}

export interface HubspotGroupDefinition {
  name: string;
  label: string;
}

export interface HubspotObjectManifest {
  objectType: HubspotObjectType;
  group: HubspotGroupDefinition;
  properties: HubspotPropertyDefinition[];
}

const OBJECT_TYPES: Record<CrmObject, HubspotObjectType> = { account: 'companies', task: 'tasks' };

/** Text above Salesforce's short-text limit gets a multi-line box in HubSpot too, so both CRMs show it alike. */
const SHORT_TEXT_MAX = 255;

function typeOf(entry: CatalogEntry): { type: HubspotType; fieldType: HubspotFieldType } {
  switch (entry.type) {
    case 'number':
    case 'percent':
    case 'currency':
      return { type: 'number', fieldType: 'number' };
    case 'enumeration':
      return { type: 'enumeration', fieldType: 'select' };
    case 'date':
      return { type: 'date', fieldType: 'date' };
    case 'datetime':
      return { type: 'datetime', fieldType: 'date' };
    case 'boolean':
      return { type: 'bool', fieldType: 'booleancheckbox' };
    case 'text':
      return { type: 'string', fieldType: entry.maxLength > SHORT_TEXT_MAX ? 'textarea' : 'text' };
  }
}

function optionsOf(entry: CatalogEntry): HubspotOption[] {
  const options =
    entry.type === 'enumeration'
      ? entry.options
      : // HubSpot requires a bool property to declare its two options.
        entry.type === 'boolean'
        ? [{ label: 'Yes', value: 'true' }, { label: 'No', value: 'false' }]
        : [];
  return options.map((option, index) => ({ label: option.label, value: option.value, displayOrder: index, hidden: false }));
}

export function hubspotProperty(entry: CatalogEntry): HubspotPropertyDefinition {
  return {
    name: hubspotPropertyName(entry),
    label: entry.label,
    description: entry.description,
    groupName: HUBSPOT_GROUP.name,
    ...typeOf(entry),
    options: optionsOf(entry),
    hasUniqueValue: entry.unique === true,
  };
}

/** One manifest per HubSpot object: companies (account fields) and tasks (the task key). */
export function hubspotManifests(catalog: readonly CatalogEntry[] = CATALOG): HubspotObjectManifest[] {
  return (['account', 'task'] as const).map((object) => ({
    objectType: OBJECT_TYPES[object],
    group: { name: HUBSPOT_GROUP.name, label: HUBSPOT_GROUP.label },
    properties: entriesFor(object, catalog).map(hubspotProperty),
  }));
}
