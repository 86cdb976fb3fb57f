import { FakeFields, KEY_PREFIX, type FakeSObjectType } from './fields';

export type FieldValue = string | number | boolean | null;

export interface FakeSObject {
  Id: string;
  fields: Record<string, FieldValue>;
}

export interface FakeEvent {
  /** The id Salesforce answers a publish with (not a record id: events are not stored as records). */
  id: string;
  fields: Record<string, FieldValue>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `001` + a 12-character counter + a 3-character tail: 18 characters, like a case-safe Salesforce id. */
function makeId(prefix: string, n: number): string {
  const body = n.toString().padStart(12, '0');
  let tail = '';
  for (let i = 0, x = n * 7919; i < 3; i += 1, x = Math.floor(x / ALPHABET.length)) tail += ALPHABET[x % ALPHABET.length];
  return `${prefix}${body}${tail}`;
}

/** An owner user id, for seeds that name none. */
export const DEFAULT_OWNER_ID = makeId('005', 1);

/**
 * The fake org's records with Salesforce's rules: fields checked against the objects' definitions, ids
 * with key prefixes, the Task external id `Pulse_Task_Key__c` unique, published events kept in order, and a
 * count of every field write, so a test can assert that each value was written once and nothing twice.
 */
export class FakeOrg {
  readonly records: Record<'Account' | 'Task', Map<string, FakeSObject>> = { Account: new Map(), Task: new Map() };
  readonly events: FakeEvent[] = [];
  /** `Type/Id/Field` → times written. */
  readonly writes = new Map<string, number>();
  /** Ids of records deleted (a write to one is `ENTITY_IS_DELETED`). */
  readonly deleted = new Set<string>();
  private nextId = 1000;

  constructor(
    readonly fields: FakeFields = new FakeFields(true),
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Adds an Account directly (no request, no API call counted): the org as a test or benchmark starts it.
   * `id`: the Account's Id when the warehouse already knows it (an 18-character `001…` id); else a new one.
   */
  seedAccount(fields: { Name: string; Pulse_Account_Id__c?: string; OwnerId?: string } & Record<string, FieldValue | undefined>, id?: string): string {
    const defined = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, FieldValue] => entry[1] !== undefined));
    return this.insert('Account', { OwnerId: DEFAULT_OWNER_ID, ...defined }, id);
  }

  /** Deletes a record, so later writes to it fail the way they do on a real org. */
  delete(type: 'Account' | 'Task', id: string): void {
    if (this.records[type].delete(id)) this.deleted.add(id);
  }

  newId(type: FakeSObjectType): string {
    return makeId(KEY_PREFIX[type], (this.nextId += 1));
  }

  get(type: 'Account' | 'Task', id: string): FakeSObject | undefined {
    return this.records[type].get(id);
  }

  findBy(type: 'Account' | 'Task', field: string, value: FieldValue): FakeSObject | undefined {
    for (const record of this.records[type].values()) if (record.fields[field] === value) return record;
    return undefined;
  }

  insert(type: 'Account' | 'Task', fields: Record<string, FieldValue>, id?: string): string {
    if (id !== undefined && (this.records[type].has(id) || !id.startsWith(KEY_PREFIX[type]))) throw new Error(`fake Salesforce: cannot seed ${type} ${id}`);
    const Id = id ?? this.newId(type);
    const at = new Date(this.now()).toISOString();
    this.records[type].set(Id, { Id, fields: { CreatedDate: at } });
    this.update(type, Id, fields);
    return Id;
  }

  update(type: 'Account' | 'Task', id: string, fields: Record<string, FieldValue>): FakeSObject {
    const record = this.records[type].get(id);
    if (record === undefined) throw new Error(`no ${type} ${id}`);
    for (const [name, value] of Object.entries(fields)) {
      record.fields[name] = value;
      const key = `${type}/${id}/${name}`;
      this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
    }
    record.fields.LastModifiedDate = new Date(this.now()).toISOString();
    return record;
  }

  publish(fields: Record<string, FieldValue>): string {
    const id = this.newId('Pulse_Playbook__e');
    this.events.push({ id, fields });
    return id;
  }

  /** Times a field of a record was written (0 when never). */
  writesOf(type: 'Account' | 'Task', id: string, field: string): number {
    return this.writes.get(`${type}/${id}/${field}`) ?? 0;
  }
}
