import { salesforceFieldName } from './names';
import type { CatalogEntry } from './types';
import type { XmlNode } from './xml';

/**
 * Salesforce CustomField metadata for one catalog entry. Elements follow `fullName` in alphabetical
 * order, as `sf project retrieve` writes them, so a retrieve after deploy round-trips without a diff.
 */
export type SalesforceFieldType = 'Number' | 'Percent' | 'Currency' | 'Picklist' | 'Date' | 'DateTime' | 'Text' | 'LongTextArea' | 'Checkbox';

/** The field `type` Salesforce's `describe` reports for each metadata type (a Number field is a double). */
export const DESCRIBE_TYPES: Record<SalesforceFieldType, string> = {
  Number: 'double',
  Percent: 'percent',
  Currency: 'currency',
  Picklist: 'picklist',
  Date: 'date',
  DateTime: 'datetime',
  Text: 'string',
  LongTextArea: 'textarea',
  Checkbox: 'boolean',
};

/** The most digits Salesforce allows in a number; ample for money in cents and any count. */
export const SALESFORCE_PRECISION = 18;
/** Text at or below this is a filterable Text field; longer is a LongTextArea. */
export const SALESFORCE_TEXT_MAX = 255;

export function salesforceType(entry: CatalogEntry): SalesforceFieldType {
  switch (entry.type) {
    case 'number':
      return 'Number';
    case 'percent':
      return 'Percent';
    case 'currency':
      return 'Currency';
    case 'enumeration':
      return 'Picklist';
    case 'date':
      return 'Date';
    case 'datetime':
      return 'DateTime';
    case 'boolean':
      return 'Checkbox';
    case 'text':
      return entry.maxLength > SALESFORCE_TEXT_MAX ? 'LongTextArea' : 'Text';
  }
}

function typeElements(entry: CatalogEntry): XmlNode[] {
  const type = salesforceType(entry);
  switch (entry.type) {
    case 'number':
    case 'percent':
    case 'currency':
      return [['precision', SALESFORCE_PRECISION], ['required', false], ['scale', entry.decimals], ['type', type], ['unique', false]];
    case 'enumeration':
      return [
        ['required', false],
        ['type', type],
        ['valueSet', [
          // Restricted: a workflow comparing against a value must never meet one the catalog does not know.
          ['restricted', true],
          ['valueSetDefinition', [
            ['sorted', false],
            ...entry.options.map((option): XmlNode => ['value', [['fullName', option.value], ['default', false], ['label', option.label]]]),
          ]],
        ]],
      ];
    case 'date':
    case 'datetime':
      return [['required', false], ['type', type]];
    case 'boolean':
      return [['type', type]];
    case 'text':
      if (type === 'LongTextArea') return [['length', entry.maxLength], ['type', type], ['visibleLines', 3]];
      return [['length', entry.maxLength], ['required', false], ['type', type], ['unique', entry.unique === true]];
  }
}

export function salesforceFieldElements(entry: CatalogEntry): XmlNode[] {
  const unique = entry.unique === true;
  const nodes: XmlNode[] = [['fullName', salesforceFieldName(entry)]];
  // A unique external id compares case-insensitively: ids differing only in case are one account.
  if (unique) nodes.push(['caseSensitive', false]);
  if (entry.type === 'boolean') nodes.push(['defaultValue', false]);
  nodes.push(['description', entry.description], ['externalId', unique], ['inlineHelpText', entry.description], ['label', entry.label]);
  return [...nodes, ...typeElements(entry)].sort((a, b) => elementOrder(a[0]) - elementOrder(b[0]));
}

const ORDER = ['fullName', 'caseSensitive', 'defaultValue', 'description', 'externalId', 'inlineHelpText', 'label', 'length',
  'precision', 'required', 'scale', 'type', 'unique', 'valueSet', 'visibleLines'];

function elementOrder(name: string): number {
  return ORDER.indexOf(name);
}
