import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
  PropertyUpdateFieldTypeEnum,
  type PropertyCreate,
  type PropertyUpdate,
} from '@hubspot/api-client/lib/codegen/crm/properties';
import { z } from 'zod';
import { hubspotManifests, type HubspotFieldType, type HubspotObjectManifest, type HubspotType } from '../../../src/catalog/hubspot-manifest';
import { PulseError } from '../../../src/errors';
import type { HubspotLink } from './link';
import type { CallOptions } from './raw';
import { planObject, type ExistingProperty, type ObjectPlan } from './setup-plan';

/** What a setup run did; names are `<objectType>/<property or group:name>`. */
export interface HubspotSetupReport {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Properties that exist with a type (or uniqueness) HubSpot cannot change in place: left alone, for an admin. */
  conflicts: string[];
}

const groupsResponse = z.object({ results: z.array(z.object({ name: z.string(), label: z.string() })) });
const propertiesResponse = z.object({
  results: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      description: z.string().default(''),
      groupName: z.string().default(''),
      type: z.string(),
      fieldType: z.string(),
      options: z.array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().default(-1), hidden: z.boolean().default(false) })).default([]),
      hasUniqueValue: z.boolean().default(false),
    }),
  ),
});

const TYPES: Record<HubspotType, PropertyCreateTypeEnum> = {
  number: PropertyCreateTypeEnum.Number,
  enumeration: PropertyCreateTypeEnum.Enumeration,
  date: PropertyCreateTypeEnum.Date,
  datetime: PropertyCreateTypeEnum.Datetime,
  string: PropertyCreateTypeEnum.String,
  bool: PropertyCreateTypeEnum.Bool,
};
// The SDK declares the same field types twice, as two enums; one map per request body keeps the types honest.
const CREATE_FIELD_TYPES: Record<HubspotFieldType, PropertyCreateFieldTypeEnum> = {
  number: PropertyCreateFieldTypeEnum.Number,
  select: PropertyCreateFieldTypeEnum.Select,
  date: PropertyCreateFieldTypeEnum.Date,
  text: PropertyCreateFieldTypeEnum.Text,
  textarea: PropertyCreateFieldTypeEnum.Textarea,
  booleancheckbox: PropertyCreateFieldTypeEnum.Booleancheckbox,
};
const UPDATE_FIELD_TYPES: Record<HubspotFieldType, PropertyUpdateFieldTypeEnum> = {
  number: PropertyUpdateFieldTypeEnum.Number,
  select: PropertyUpdateFieldTypeEnum.Select,
  date: PropertyUpdateFieldTypeEnum.Date,
  text: PropertyUpdateFieldTypeEnum.Text,
  textarea: PropertyUpdateFieldTypeEnum.Textarea,
  booleancheckbox: PropertyUpdateFieldTypeEnum.Booleancheckbox,
};

/**
 * One setup call through the link: the installation's limiter and the same retry rules as a sync (a
 * window 429 waits, a 5xx backs off), so a busy portal slows setup down instead of ending it. The SDK
 * module is taken from the link in each `send`: an OAuth refresh between calls replaces the client.
 */
async function call<T>(link: HubspotLink, name: string, send: (options: CallOptions) => Promise<{ data: T }>): Promise<T> {
  const answer = await link.call(name, 'standard', send);
  if (!answer.ok) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot ${name} failed: ${answer.message}`, { place: name });
  return answer.data;
}

/** Reads the object's groups and properties and decides what to change; no writes. */
export async function planHubspotObject(link: HubspotLink, manifest: HubspotObjectManifest): Promise<ObjectPlan> {
  const { objectType } = manifest;
  const groups = groupsResponse.parse(
    await call(link, `GET property groups of ${objectType}`, (options) => link.apis().properties.groupsApi.getAllWithHttpInfo(objectType, options)),
  );
  const properties = propertiesResponse.parse(
    await call(link, `GET properties of ${objectType}`, (options) => link.apis().properties.coreApi.getAllWithHttpInfo(objectType, false, undefined, options)),
  );
  return planObject(manifest, groups.results, properties.results satisfies ExistingProperty[]);
}

/**
 * A create whose answer was lost (the connection dropped after HubSpot made it) is retried and meets a
 * 409: the group or property exists now. That is not a failure: the object is read again afterwards and
 * whatever still differs is updated. Returns whether it met one.
 */
async function create<T>(link: HubspotLink, name: string, send: (options: CallOptions) => Promise<{ data: T }>): Promise<boolean> {
  const answer = await link.call(name, 'standard', send);
  if (answer.ok) return false;
  if (answer.status === 409) return true;
  throw new PulseError('CRM_REQUEST_FAILED', `HubSpot ${name} failed: ${answer.message}`, { place: name });
}

/** Applies an object's plan; true when a create found its object already there (see `create`). */
async function applyPlan(link: HubspotLink, plan: ObjectPlan, report: HubspotSetupReport): Promise<boolean> {
  const { objectType, group } = plan;
  const groupName = `${objectType}/group:${group.definition.name}`;
  let existed = false;
  if (group.action === 'create') {
    existed = (await create(link, `create ${groupName}`, (options) => link.apis().properties.groupsApi.createWithHttpInfo(objectType, { ...group.definition }, options))) || existed;
    report.created.push(groupName);
  } else if (group.action === 'update') {
    await call(link, `update ${groupName}`, (options) => link.apis().properties.groupsApi.updateWithHttpInfo(objectType, group.definition.name, { label: group.definition.label }, options));
    report.updated.push(groupName);
  } else {
    report.unchanged += 1;
  }
  for (const step of plan.properties) {
    if (step.action === 'unchanged') report.unchanged += 1;
    else if (step.action === 'conflict') report.conflicts.push(`${objectType}/${step.name}: ${step.reason}`);
    else {
      const { definition } = step;
      const name = `${objectType}/${definition.name}`;
      if (step.action === 'create') {
        const body: PropertyCreate = { ...definition, type: TYPES[definition.type], fieldType: CREATE_FIELD_TYPES[definition.fieldType] };
        existed = (await create(link, `create ${name}`, (options) => link.apis().properties.coreApi.createWithHttpInfo(objectType, body, options))) || existed;
        report.created.push(name);
      } else {
        // Only what may change in place; type and uniqueness differences are conflicts, never sent.
        const body: PropertyUpdate = {
          label: definition.label,
          description: definition.description,
          groupName: definition.groupName,
          fieldType: UPDATE_FIELD_TYPES[definition.fieldType],
          options: definition.options,
        };
        await call(link, `update ${name}`, (options) => link.apis().properties.coreApi.updateWithHttpInfo(objectType, definition.name, body, options));
        report.updated.push(`${name} (${step.changed.join(', ')})`);
      }
    }
  }
  return existed;
}

/**
 * Creates or updates the Pulse property group and properties on companies and tasks so they match the
 * catalog. Idempotent: against a portal already in step it makes no write and reports nothing to change.
 * Every call goes through the link's caller: the installation's limiter and retry rules.
 */
export async function setupHubspot(link: HubspotLink, manifests: readonly HubspotObjectManifest[] = hubspotManifests()): Promise<HubspotSetupReport> {
  const report: HubspotSetupReport = { created: [], updated: [], unchanged: 0, conflicts: [] };
  for (const manifest of manifests) {
    if (!(await applyPlan(link, await planHubspotObject(link, manifest), report))) continue;
    // Read again what a lost answer left unknown: only what still differs is changed, conflicts are reported.
    const again: HubspotSetupReport = { created: [], updated: [], unchanged: 0, conflicts: [] };
    await applyPlan(link, await planHubspotObject(link, manifest), again);
    report.updated.push(...again.created, ...again.updated);
    report.conflicts.push(...again.conflicts);
  }
  return report;
}

export function describeHubspotSetup(report: HubspotSetupReport): string {
  const lines: string[] = [];
  if (report.created.length === 0 && report.updated.length === 0) lines.push(`HubSpot: nothing to change (${report.unchanged} up to date)`);
  else lines.push(`HubSpot: created ${report.created.length}, updated ${report.updated.length}, unchanged ${report.unchanged}`);
  lines.push(...report.created.map((name) => `  created ${name}`), ...report.updated.map((name) => `  updated ${name}`));
  if (report.conflicts.length > 0) {
    lines.push(`HubSpot: ${report.conflicts.length} conflict(s) left alone; HubSpot cannot change a property's type in place:`);
    lines.push(...report.conflicts.map((conflict) => `  conflict ${conflict}`));
    lines.push('  Archive or rename each conflicting property in HubSpot (Settings > Properties), then run setup again.');
  }
  return `${lines.join('\n')}\n`;
}
