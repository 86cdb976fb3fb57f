import type { Client } from '@hubspot/api-client';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
  PropertyUpdateFieldTypeEnum,
  type PropertyCreate,
  type PropertyUpdate,
} from '@hubspot/api-client/lib/codegen/crm/properties';
import { z } from 'zod';
import { hubspotManifests, type HubspotFieldType, type HubspotObjectManifest, type HubspotType } from '../../../src/catalog/hubspot-manifest';
import { toHubspotError } from './client';
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

async function call<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toHubspotError(error, name);
  }
}

/** Reads the object's groups and properties and decides what to change; no writes. */
export async function planHubspotObject(client: Client, manifest: HubspotObjectManifest): Promise<ObjectPlan> {
  const { objectType } = manifest;
  const groups = groupsResponse.parse(await call(`GET property groups of ${objectType}`, () => client.crm.properties.groupsApi.getAll(objectType)));
  const properties = propertiesResponse.parse(
    await call(`GET properties of ${objectType}`, () => client.crm.properties.coreApi.getAll(objectType, false)),
  );
  return planObject(manifest, groups.results, properties.results satisfies ExistingProperty[]);
}

async function applyPlan(client: Client, plan: ObjectPlan, report: HubspotSetupReport): Promise<void> {
  const { objectType, group } = plan;
  const groupName = `${objectType}/group:${group.definition.name}`;
  if (group.action === 'create') {
    await call(`create ${groupName}`, () => client.crm.properties.groupsApi.create(objectType, { ...group.definition }));
    report.created.push(groupName);
  } else if (group.action === 'update') {
    await call(`update ${groupName}`, () => client.crm.properties.groupsApi.update(objectType, group.definition.name, { label: group.definition.label }));
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
        await call(`create ${name}`, () => client.crm.properties.coreApi.create(objectType, body));
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
        await call(`update ${name}`, () => client.crm.properties.coreApi.update(objectType, definition.name, body));
        report.updated.push(`${name} (${step.changed.join(', ')})`);
      }
    }
  }
}

/**
 * Creates or updates the Pulse property group and properties on companies and tasks so they match the
 * catalog. Idempotent: against a portal already in step it makes no write and reports nothing to change.
 */
export async function setupHubspot(client: Client, manifests: readonly HubspotObjectManifest[] = hubspotManifests()): Promise<HubspotSetupReport> {
  const report: HubspotSetupReport = { created: [], updated: [], unchanged: 0, conflicts: [] };
  for (const manifest of manifests) await applyPlan(client, await planHubspotObject(client, manifest), report);
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
