import type { HubspotGroupDefinition, HubspotObjectManifest, HubspotOption, HubspotPropertyDefinition } from '../../../src/catalog/hubspot-manifest';

/**
 * What `pulse crm setup --crm hubspot` must do for one object, decided from the manifest and what the
 * portal already holds. Pure, so the decision is tested without a network and a second run is provably
 * a no-op.
 */
export interface ExistingProperty {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: string;
  fieldType: string;
  options: HubspotOption[];
  hasUniqueValue: boolean;
}

export type PropertyStep =
  | { action: 'create'; definition: HubspotPropertyDefinition }
  | { action: 'update'; definition: HubspotPropertyDefinition; changed: string[] }
  | { action: 'unchanged'; name: string }
  | { action: 'conflict'; name: string; reason: string };

export interface ObjectPlan {
  objectType: string;
  group: { action: 'create' | 'update' | 'unchanged'; definition: HubspotGroupDefinition };
  properties: PropertyStep[];
}

function sameOptions(a: readonly HubspotOption[], b: readonly HubspotOption[]): boolean {
  const key = (options: readonly HubspotOption[]): string =>
    JSON.stringify(options.map((option) => [option.value, option.label, option.displayOrder, option.hidden]));
  return key(a) === key(b);
}

export function planProperty(definition: HubspotPropertyDefinition, existing: ExistingProperty | undefined): PropertyStep {
  if (existing === undefined) return { action: 'create', definition };
  // HubSpot cannot convert a property's type in place once records hold values; an admin must decide.
  if (existing.type !== definition.type) {
    return { action: 'conflict', name: definition.name, reason: `type is ${existing.type}, the catalog needs ${definition.type}` };
  }
  if (existing.hasUniqueValue !== definition.hasUniqueValue) {
    return { action: 'conflict', name: definition.name, reason: `hasUniqueValue is ${existing.hasUniqueValue}, the catalog needs ${definition.hasUniqueValue}` };
  }
  const changed: string[] = [];
  if (existing.label !== definition.label) changed.push('label');
  if (existing.description !== definition.description) changed.push('description');
  if (existing.groupName !== definition.groupName) changed.push('groupName');
  if (existing.fieldType !== definition.fieldType) changed.push('fieldType');
  if (!sameOptions(existing.options, definition.options)) changed.push('options');
  return changed.length === 0 ? { action: 'unchanged', name: definition.name } : { action: 'update', definition, changed };
}

export function planObject(
  manifest: HubspotObjectManifest,
  groups: readonly HubspotGroupDefinition[],
  properties: readonly ExistingProperty[],
): ObjectPlan {
  const group = groups.find((candidate) => candidate.name === manifest.group.name);
  const byName = new Map(properties.map((property) => [property.name, property]));
  return {
    objectType: manifest.objectType,
    group: {
      action: group === undefined ? 'create' : group.label === manifest.group.label ? 'unchanged' : 'update',
      definition: manifest.group,
    },
    properties: manifest.properties.map((definition) => planProperty(definition, byName.get(definition.name))),
  };
}
