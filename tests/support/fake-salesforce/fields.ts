import { CATALOG } from '../../../src/catalog/catalog';
import { salesforceFieldName } from '../../../src/catalog/names';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';

export type FakeSObjectType = 'Account' | 'Task' | 'Pulse_Playbook__e';

export const SOBJECT_TYPES: readonly FakeSObjectType[] = ['Account', 'Task', 'Pulse_Playbook__e'];

/** Key prefixes, as the first three characters of a Salesforce id tell the object. */
export const KEY_PREFIX: Record<FakeSObjectType, string> = { Account: '001', Task: '00T', Pulse_Playbook__e: 'e00' };

const STANDARD: Record<FakeSObjectType, readonly string[]> = {
  Account: ['Id', 'Name', 'OwnerId', 'CreatedDate', 'LastModifiedDate'],
  Task: ['Id', 'WhatId', 'OwnerId', 'Subject', 'Description', 'Priority', 'Status', 'ActivityDate', 'CreatedDate', 'LastModifiedDate'],
  Pulse_Playbook__e: ['ReplayId', 'CreatedDate', 'CreatedById', 'EventUuid'],
};

/** The custom fields the Pulse DX project deploys: the catalog's, the match and task keys, the event's. */
function pulseFields(type: FakeSObjectType): string[] {
  if (type === 'Pulse_Playbook__e') return PLAYBOOK_EVENT.fields.map((field) => field.name);
  const object = type === 'Account' ? 'account' : 'task';
  const key = type === 'Account' ? 'Pulse_Account_Id__c' : 'Pulse_Task_Key__c';
  return [key, ...CATALOG.filter((entry) => entry.object === object).map(salesforceFieldName)];
}

/**
 * The fields each sObject has in the fake org. With `pulseFields: false` the org is fresh (nothing deployed):
 * writing a Pulse field is `INVALID_FIELD`, as in a real org before `pulse crm setup`.
 */
export class FakeFields {
  private readonly fields: Record<FakeSObjectType, Set<string>>;

  constructor(pulse: boolean, extra: Partial<Record<FakeSObjectType, readonly string[]>> = {}) {
    const build = (type: FakeSObjectType): Set<string> => new Set([...STANDARD[type], ...(pulse ? pulseFields(type) : []), ...(extra[type] ?? [])]);
    this.fields = { Account: build('Account'), Task: build('Task'), Pulse_Playbook__e: build('Pulse_Playbook__e') };
  }

  has(type: FakeSObjectType, field: string): boolean {
    return this.fields[type].has(field);
  }

  /** Fields in `names` the object does not have. */
  unknown(type: FakeSObjectType, names: Iterable<string>): string[] {
    return [...names].filter((name) => !this.has(type, name));
  }
}

export function sobjectTypeOf(name: unknown): FakeSObjectType | undefined {
  return SOBJECT_TYPES.find((type) => type === name);
}
