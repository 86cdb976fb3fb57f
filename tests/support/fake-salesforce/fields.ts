import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { CATALOG } from '../../../src/catalog/catalog';
import { salesforceFieldName } from '../../../src/catalog/names';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';
import { DESCRIBE_TYPES, type SalesforceFieldType } from '../../../src/catalog/salesforce-fields';
import { salesforceProjectFiles } from '../../../src/catalog/salesforce-manifest';

export type FakeSObjectType = 'Account' | 'Task' | 'Pulse_Playbook__e';

export const SOBJECT_TYPES: readonly FakeSObjectType[] = ['Account', 'Task', 'Pulse_Playbook__e'];

/** Key prefixes, as the first three characters of a Salesforce id tell the object. */
export const KEY_PREFIX: Record<FakeSObjectType, string> = { Account: '001', Task: '00T', Pulse_Playbook__e: 'e00' };

const STANDARD: Record<FakeSObjectType, readonly string[]> = {
  Account: ['Id', 'Name', 'OwnerId', 'CreatedDate', 'LastModifiedDate'],
  Task: ['Id', 'WhatId', 'OwnerId', 'Subject', 'Description', 'Priority', 'Status', 'ActivityDate', 'CreatedDate', 'LastModifiedDate'],
  Pulse_Playbook__e: ['ReplayId', 'CreatedDate', 'CreatedById', 'EventUuid'],
};

/** A field as the REST API's `describe` lists it (the part of its shape Pulse reads, with label and custom). */
export interface FakeDescribedField {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  externalId: boolean;
  unique: boolean;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
}

type FieldTraits = Pick<FakeDescribedField, 'type' | 'externalId' | 'unique'> & { picklist?: readonly string[] };

/** The standard picklists a Task write is checked against, as a new org defines them. */
export const STANDARD_PICKLISTS = {
  Priority: ['High', 'Normal', 'Low'],
  Status: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
} as const;

/** The describe types of the standard fields above, as a real org reports them. */
const STANDARD_TYPES: Record<string, FieldTraits> = {
  Id: { type: 'id', externalId: false, unique: false },
  Name: { type: 'string', externalId: false, unique: false },
  OwnerId: { type: 'reference', externalId: false, unique: false },
  CreatedDate: { type: 'datetime', externalId: false, unique: false },
  LastModifiedDate: { type: 'datetime', externalId: false, unique: false },
  WhatId: { type: 'reference', externalId: false, unique: false },
  Subject: { type: 'combobox', externalId: false, unique: false },
  Description: { type: 'textarea', externalId: false, unique: false },
  Priority: { type: 'picklist', externalId: false, unique: false, picklist: STANDARD_PICKLISTS.Priority },
  Status: { type: 'picklist', externalId: false, unique: false, picklist: STANDARD_PICKLISTS.Status },
  ActivityDate: { type: 'date', externalId: false, unique: false },
  ReplayId: { type: 'string', externalId: false, unique: false },
  CreatedById: { type: 'reference', externalId: false, unique: false },
  EventUuid: { type: 'string', externalId: false, unique: false },
};

const metadataField = z.object({
  CustomField: z.object({
    fullName: z.string(),
    type: z.enum(Object.keys(DESCRIBE_TYPES) as [SalesforceFieldType, ...SalesforceFieldType[]]),
    externalId: z.string().optional(),
    unique: z.string().optional(),
    valueSet: z.object({ valueSetDefinition: z.object({ value: z.array(z.object({ fullName: z.string() })) }) }).optional(),
  }),
});
const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => name === 'value' });

/**
 * What a deploy of manifests/salesforce leaves in an org, read from the generated metadata itself (not from the
 * catalog mapping `pulse crm setup` uses), so the setup check is tested against the files an admin deploys.
 * Keyed `Object.Field`; Activity fields show on Task, as in a real org.
 */
function deployedTraits(): Map<string, FieldTraits> {
  const traits = new Map<string, FieldTraits>();
  for (const [path, content] of Object.entries(salesforceProjectFiles())) {
    const match = /objects\/(\w+)\/fields\/\w+\.field-meta\.xml$/.exec(path);
    if (match === null) continue;
    const field = metadataField.parse(xml.parse(content)).CustomField;
    const object = match[1] === 'Activity' ? 'Task' : match[1];
    traits.set(`${object}.${field.fullName}`, {
      type: DESCRIBE_TYPES[field.type],
      externalId: field.externalId === 'true',
      unique: field.unique === 'true',
      picklist: field.valueSet?.valueSetDefinition.value.map((value) => value.fullName),
    });
  }
  return traits;
}

let deployed: Map<string, FieldTraits> | undefined;

function traitsOf(type: FakeSObjectType, name: string): FieldTraits {
  deployed ??= deployedTraits();
  // A field added with `extraFields` is plain text: no test needs another type for one yet.
  return STANDARD_TYPES[name] ?? deployed.get(`${type}.${name}`) ?? { type: 'string', externalId: false, unique: false };
}

function described(type: FakeSObjectType, name: string): FakeDescribedField {
  const { picklist = [], ...traits } = traitsOf(type, name);
  return {
    name,
    label: name,
    custom: name.endsWith('__c'),
    ...traits,
    picklistValues: picklist.map((value) => ({ value, label: value, active: true, defaultValue: false })),
  };
}

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

  constructor(
    /** Whether the Pulse DX project is deployed: without it the org has no `Pulse_Playbook__e` at all. */
    readonly pulse: boolean,
    extra: Partial<Record<FakeSObjectType, readonly string[]>> = {},
  ) {
    const build = (type: FakeSObjectType): Set<string> => new Set([...STANDARD[type], ...(pulse ? pulseFields(type) : []), ...(extra[type] ?? [])]);
    this.fields = { Account: build('Account'), Task: build('Task'), Pulse_Playbook__e: build('Pulse_Playbook__e') };
  }

  has(type: FakeSObjectType, field: string): boolean {
    return this.fields[type].has(field);
  }

  /** Whether the org has the object: the platform event exists only once the DX project is deployed. */
  exists(type: FakeSObjectType): boolean {
    return type !== 'Pulse_Playbook__e' || this.pulse;
  }

  /** The object's fields as `describe` lists them, in definition order. */
  describe(type: FakeSObjectType): FakeDescribedField[] {
    return [...this.fields[type]].map((name) => described(type, name));
  }

  /** Fields in `names` the object does not have. */
  unknown(type: FakeSObjectType, names: Iterable<string>): string[] {
    return [...names].filter((name) => !this.has(type, name));
  }
}

export function sobjectTypeOf(name: unknown): FakeSObjectType | undefined {
  return SOBJECT_TYPES.find((type) => type === name);
}
