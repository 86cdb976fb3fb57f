import { FakeDefinitions } from './definitions';
import { checkValue, type FakeObjectType, type PropertyProblem } from './schema';

export interface FakeRecord {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Company ids a task is associated to (type 192). */
  companyIds: string[];
}

/** A conflict on a unique property: the value and the record that already holds it. */
export interface UniqueConflict {
  property: string;
  value: string;
  existingId: string;
}

/**
 * The fake portal's records, with HubSpot's rules: values checked against the property definitions,
 * unique properties (`pulse_account_id`, `pulse_task_key`) enforced, and a count of every property
 * write, so a test can assert that each value was written once and nothing twice.
 */
export class FakeStore {
  readonly records: Record<FakeObjectType, Map<string, FakeRecord>> = { companies: new Map(), tasks: new Map() };
  /** `objectType/id/property` → times written. */
  readonly writes = new Map<string, number>();
  private nextId = 1000;

  constructor(
    /** The portal's property definitions: values are checked against them. @defaultValue HubSpot's own and the Pulse properties */
    readonly definitions: FakeDefinitions = new FakeDefinitions(true),
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a company directly (no request, no limit): the portal as a test or benchmark starts it. */
  seedCompany(properties: Record<string, string>): string {
    return this.insert('companies', properties, []);
  }

  /** A company for each warehouse account, found by `pulse_account_id`, owned by one of 40 owners. */
  seedCompaniesFor(accountIds: readonly string[]): void {
    accountIds.forEach((id, i) => this.seedCompany({ name: `Company ${i}`, pulse_account_id: id, hubspot_owner_id: String(7000 + (i % 40)) }));
  }

  find(type: FakeObjectType, id: string, idProperty?: string): FakeRecord | undefined {
    if (idProperty === undefined || idProperty === 'hs_object_id') return this.records[type].get(id);
    for (const record of this.records[type].values()) if (record.properties[idProperty] === id) return record;
    return undefined;
  }

  check(type: FakeObjectType, properties: Record<string, string>): PropertyProblem[] {
    return Object.entries(properties)
      .map(([name, value]) => checkValue(name, value, this.definitions.rule(type, name)))
      .filter((found): found is PropertyProblem => found !== undefined);
  }

  /** The first unique value in `properties` already held by a record other than `selfId`. */
  conflict(type: FakeObjectType, properties: Record<string, string>, selfId?: string): UniqueConflict | undefined {
    for (const [name, value] of Object.entries(properties)) {
      if (value === '' || this.definitions.rule(type, name)?.unique !== true) continue;
      const holder = this.find(type, value, name);
      if (holder !== undefined && holder.id !== selfId) return { property: name, value, existingId: holder.id };
    }
    return undefined;
  }

  insert(type: FakeObjectType, properties: Record<string, string>, companyIds: string[]): string {
    const id = String((this.nextId += 1));
    const at = new Date(this.now()).toISOString();
    this.records[type].set(id, { id, properties: {}, createdAt: at, updatedAt: at, companyIds });
    this.update(type, id, properties);
    return id;
  }

  update(type: FakeObjectType, id: string, properties: Record<string, string>): FakeRecord {
    const record = this.records[type].get(id);
    if (record === undefined) throw new Error(`no ${type} ${id}`);
    for (const [name, value] of Object.entries(properties)) {
      record.properties[name] = value;
      const key = `${type}/${id}/${name}`;
      this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
    }
    record.updatedAt = new Date(this.now()).toISOString();
    return record;
  }

  /** A record as HubSpot answers it. */
  view(record: FakeRecord, properties?: readonly string[]): Record<string, unknown> {
    const base: Record<string, string | null> = { hs_object_id: record.id, createdate: record.createdAt, hs_lastmodifieddate: record.updatedAt };
    const names = properties ?? Object.keys(record.properties);
    for (const name of names) base[name] = record.properties[name] ?? null;
    return { id: record.id, properties: base, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false };
  }
}
