import { z } from 'zod';
import { entriesFor } from './catalog';
import { HUBSPOT_GROUP, hubspotPropertyName } from './names';
import type { CatalogEntry, CrmObject } from './types';

/** Structural checks of the generated HubSpot property manifests, read back from the JSON text. */
const option = z.object({ label: z.string().min(1), value: z.string().min(1), displayOrder: z.number(), hidden: z.boolean() }).strict();
const property = z
  .object({
    name: z.string().regex(/^pulse_[a-z0-9_]+$/).max(100),
    label: z.string().min(1),
    description: z.string(),
    groupName: z.literal(HUBSPOT_GROUP.name),
    type: z.enum(['number', 'enumeration', 'date', 'datetime', 'string', 'bool']),
    fieldType: z.enum(['number', 'select', 'date', 'text', 'textarea', 'booleancheckbox']),
    options: z.array(option),
    hasUniqueValue: z.boolean(),
  })
  .strict();
const manifest = z
  .object({
    objectType: z.enum(['companies', 'tasks']),
    group: z.object({ name: z.literal(HUBSPOT_GROUP.name), label: z.literal(HUBSPOT_GROUP.label) }).strict(),
    properties: z.array(property),
  })
  .strict();

const FILES: Record<CrmObject, string> = { account: 'manifests/hubspot/properties/companies.json', task: 'manifests/hubspot/properties/tasks.json' };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function hubspotProblems(files: ReadonlyMap<string, string>, catalog: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (path.startsWith('manifests/hubspot/') && path.endsWith('.json') && parseJson(content) === undefined) problems.push(`${path}: not valid JSON`);
  }
  for (const object of ['account', 'task'] as const) {
    const path = FILES[object];
    const parsed = manifest.safeParse(parseJson(files.get(path) ?? ''));
    if (!parsed.success) {
      problems.push(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
      continue;
    }
    const byName = new Map(parsed.data.properties.map((definition) => [definition.name, definition]));
    if (byName.size !== parsed.data.properties.length) problems.push(`${path}: duplicate property names`);
    for (const entry of entriesFor(object, catalog)) {
      const name = hubspotPropertyName(entry);
      const definition = byName.get(name);
      if (definition === undefined) {
        problems.push(`${path}: no property ${name}`);
        continue;
      }
      if (entry.type === 'enumeration') {
        const have = definition.options.map((candidate) => candidate.value).join(', ');
        const want = entry.options.map((candidate) => candidate.value).join(', ');
        if (definition.type !== 'enumeration' || have !== want) problems.push(`${path}: ${name} options [${have}] differ from the catalog's [${want}]`);
      }
      if (definition.hasUniqueValue !== (entry.unique === true)) problems.push(`${path}: ${name} hasUniqueValue must be ${entry.unique === true}`);
      if (definition.type === 'bool' && definition.options.map((candidate) => candidate.value).join() !== 'true,false') {
        problems.push(`${path}: ${name} needs the options true and false`);
      }
    }
  }
  return problems;
}
