import { CATALOG, entriesFor } from './catalog';
import { HUBSPOT_GROUP, hubspotPropertyName, salesforceFieldName } from './names';
import { PLAYBOOK_EVENT } from './platform-event';
import type { CatalogEntry } from './types';

/** docs/fields.md: the table sales ops read, generated from the catalog so it never disagrees with the CRMs. */

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function typeCell(entry: CatalogEntry): string {
  switch (entry.type) {
    case 'number':
      return entry.decimals === 0 ? 'number (whole)' : `number (${entry.decimals} decimals)`;
    case 'percent':
      return 'percent (37.5 = 37.5%)';
    case 'currency':
      return 'currency (USD, cents)';
    case 'enumeration':
      return `enumeration: ${entry.options.map((option) => `\`${option.value}\``).join(', ')}`;
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime (UTC)';
    case 'boolean':
      return 'boolean';
    case 'text':
      return `text (up to ${entry.maxLength})`;
  }
}

function sourceCell(entry: CatalogEntry): string {
  if (entry.source.kind === 'signal') return `signal \`${entry.source.field}\``;
  if (entry.source.kind === 'history') return 'signal history';
  return entry.source.kind === 'playbook' ? 'playbook engine' : 'sync run';
}

function table(entries: readonly CatalogEntry[]): string[] {
  return [
    '| Field | HubSpot property | Salesforce field | Type | Meaning | Comes from |',
    '|---|---|---|---|---|---|',
    ...entries.map(
      (entry) =>
        `| ${cell(entry.label)} | \`${hubspotPropertyName(entry)}\` | \`${salesforceFieldName(entry)}\` | ${cell(typeCell(entry))} | ${cell(entry.description)} | ${sourceCell(entry)} |`,
    ),
  ];
}

export function fieldsMarkdown(catalog: readonly CatalogEntry[] = CATALOG): string {
  const lines = [
    '# Consumption Pulse fields',
    '',
    '<!-- Generated from src/catalog by `pulse manifests`. Do not edit: change the catalog and regenerate. -->',
    '',
    `Every field Consumption Pulse writes, identical in meaning in both CRMs. In HubSpot they sit in the property group "${HUBSPOT_GROUP.label}".`,
    'Definitions of the signals behind them: SIGNALS.md. Keys and enumeration values never change once shipped, so workflows and filters built on them keep working.',
    '',
    '- An empty field means the figure cannot be computed for the account (no data, too little history), never zero.',
    '- Percentages are stored as numbers: 37.5 means 37.5%. Money is in US dollars, to the cent.',
    '- Dates are calendar days in UTC; HubSpot stores a date as midnight UTC of that day. Datetimes are UTC.',
    '- Salesforce checkboxes cannot be empty: an unknown boolean shows unchecked there and empty in HubSpot.',
    '',
    '## Company / Account fields',
    '',
    ...table(entriesFor('account', catalog)),
    '',
    '## Task fields',
    '',
    ...table(entriesFor('task', catalog)),
    '',
    '## Playbook triggers',
    '',
    'HubSpot workflows enroll on a change of `pulse_last_playbook_fired_at` filtered by `pulse_last_playbook`.',
    `Salesforce flows can do the same on the Account fields, or subscribe to the platform event \`${PLAYBOOK_EVENT.name}\`:`,
    '',
    '| Event field | Type | Meaning |',
    '|---|---|---|',
    ...PLAYBOOK_EVENT.fields.map((field) => `| \`${field.name}\` | ${field.type} | ${cell(field.description)} |`),
    '',
  ];
  return lines.join('\n');
}
