import { PLAYBOOK_NAMES } from './playbooks';
import type { SalesforceFieldType } from './salesforce-fields';
import type { XmlNode } from './xml';

/**
 * `Pulse_Playbook__e`, the platform event a Salesforce Flow subscribes to when a playbook fires on a
 * tech-touch account. Platform event fields cannot be picklists, so the playbook is Text and its
 * description lists the values.
 */
export interface EventField {
  name: string;
  label: string;
  type: Extract<SalesforceFieldType, 'Text' | 'LongTextArea' | 'DateTime'>;
  length?: number;
  description: string;
}

export const PLAYBOOK_EVENT = {
  name: 'Pulse_Playbook__e',
  label: 'Pulse Playbook',
  pluralLabel: 'Pulse Playbooks',
  description: 'Published by Consumption Pulse each time a playbook fires on an account. Subscribe a platform-event-triggered Flow to act on it.',
  fields: [
    { name: 'Account_Id__c', label: 'Account ID', type: 'Text', length: 18, description: 'Salesforce Id of the Account the playbook fired on.' },
    { name: 'Pulse_Account_Id__c', label: 'Pulse account ID', type: 'Text', length: 80, description: 'The account id in the product warehouse (Account.Pulse_Account_Id__c).' },
    { name: 'Playbook__c', label: 'Playbook', type: 'Text', length: 40, description: `The playbook that fired: ${PLAYBOOK_NAMES.join(', ')}.` },
    { name: 'Reason__c', label: 'Reason', type: 'LongTextArea', length: 1000, description: 'Why it fired: the figures that met the rule, in words.' },
    { name: 'Fired_At__c', label: 'Fired at', type: 'DateTime', description: 'When the playbook fired (UTC).' },
    {
      name: 'Key__c',
      label: 'Firing key',
      type: 'Text',
      length: 255,
      // Delivery is at least once (a retried publish, a replayed subscription): the key lets a subscriber act once.
      description: "The firing's idempotency key (account, playbook and firing date): a subscriber that sees a key twice acts once.",
    },
  ] satisfies EventField[],
} as const;

export function eventFieldElements(field: EventField): XmlNode[] {
  const head: XmlNode[] = [['fullName', field.name], ['description', field.description], ['externalId', false], ['label', field.label]];
  if (field.type === 'DateTime') return [...head, ['required', false], ['type', field.type]];
  if (field.type === 'LongTextArea') return [...head, ['length', field.length ?? 1000], ['type', field.type], ['visibleLines', 3]];
  return [...head, ['length', field.length ?? 255], ['required', false], ['type', field.type], ['unique', false]];
}

export function eventObjectElements(): XmlNode[] {
  return [
    ['deploymentStatus', 'Deployed'],
    ['description', PLAYBOOK_EVENT.description],
    // High volume is the only type new orgs can create; publishing after commit keeps a rolled-back run silent.
    ['eventType', 'HighVolume'],
    ['label', PLAYBOOK_EVENT.label],
    ['pluralLabel', PLAYBOOK_EVENT.pluralLabel],
    ['publishBehavior', 'PublishAfterCommit'],
  ];
}
