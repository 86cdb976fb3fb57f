import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { entriesFor } from './catalog';
import { PLAYBOOK_EVENT } from './platform-event';
import { SALESFORCE_LABEL_MAX, SALESFORCE_NAME_MAX, salesforceFieldName } from './names';
import { SALESFORCE_PRECISION, SALESFORCE_TEXT_MAX, salesforceType } from './salesforce-fields';
import type { CatalogEntry } from './types';

/**
 * Structural checks of the generated Salesforce metadata, read back from the XML text as a deploy
 * would read it: what the Metadata API rejects (or silently changes) fails here instead of in an org.
 */
const parser = new XMLParser({
  ignoreDeclaration: true,
  // Keep every value a string ('false', '18') so the schema below sees the document as written.
  parseTagValue: false,
  isArray: (name) => ['value', 'fieldPermissions', 'objectPermissions'].includes(name),
});

const flag = z.enum(['true', 'false']);
const customField = z.object({
  fullName: z.string(),
  label: z.string().max(SALESFORCE_LABEL_MAX),
  type: z.string(),
  description: z.string().max(1000).optional(),
  inlineHelpText: z.string().max(510).optional(),
  externalId: flag.optional(),
  unique: flag.optional(),
  length: z.string().optional(),
  precision: z.string().optional(),
  scale: z.string().optional(),
  visibleLines: z.string().optional(),
  defaultValue: z.string().optional(),
  valueSet: z
    .object({ restricted: flag, valueSetDefinition: z.object({ value: z.array(z.object({ fullName: z.string(), label: z.string() })) }) })
    .optional(),
});
type CustomField = z.infer<typeof customField>;
const permissionSet = z.object({ fieldPermissions: z.array(z.object({ field: z.string(), editable: flag, readable: flag })).default([]) });

function int(value: string | undefined): number {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
}

/** What each Salesforce field type must declare to deploy as the catalog means it. */
function typeProblems(field: CustomField): string[] {
  const problems: string[] = [];
  switch (field.type) {
    case 'Number':
    case 'Percent':
    case 'Currency': {
      const precision = int(field.precision);
      const scale = int(field.scale);
      if (!(precision >= 1 && precision <= SALESFORCE_PRECISION)) problems.push(`precision must be 1..${SALESFORCE_PRECISION}`);
      if (!(scale >= 0 && scale <= precision)) problems.push('scale must be 0..precision');
      break;
    }
    case 'Text':
      if (!(int(field.length) >= 1 && int(field.length) <= SALESFORCE_TEXT_MAX)) problems.push(`Text needs a length of 1..${SALESFORCE_TEXT_MAX}`);
      break;
    case 'LongTextArea':
      if (!(int(field.length) > SALESFORCE_TEXT_MAX && int(field.length) <= 131072)) problems.push('LongTextArea needs a length of 256..131072');
      if (!(int(field.visibleLines) >= 2)) problems.push('LongTextArea needs visibleLines');
      break;
    case 'Picklist':
      if (field.valueSet === undefined || field.valueSet.valueSetDefinition.value.length === 0) problems.push('Picklist needs a valueSet with values');
      break;
    case 'Checkbox':
      if (field.defaultValue !== 'false' && field.defaultValue !== 'true') problems.push('Checkbox needs a defaultValue');
      break;
    case 'Date':
    case 'DateTime':
      break;
    default:
      problems.push(`unexpected type ${field.type}`);
  }
  return problems;
}

function catalogProblems(field: CustomField, entry: CatalogEntry): string[] {
  const problems: string[] = [];
  if (field.type !== salesforceType(entry)) problems.push(`type ${field.type}, catalog says ${salesforceType(entry)}`);
  if (entry.type === 'enumeration') {
    const have = (field.valueSet?.valueSetDefinition.value ?? []).map((value) => value.fullName).join(', ');
    const want = entry.options.map((option) => option.value).join(', ');
    if (have !== want) problems.push(`picklist values [${have}] differ from the catalog's [${want}]`);
    if (field.valueSet?.restricted !== 'true') problems.push('picklist must be restricted');
  }
  if (entry.unique === true && (field.externalId !== 'true' || field.unique !== 'true')) problems.push('must be a unique External ID');
  return problems;
}

function parse(path: string, xml: string): { doc?: unknown; problem?: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { problem: `${path}: not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  return { doc: parser.parse(xml) as unknown };
}

/** `files` is path → content as `generateFiles` returns it (or as read back from disk). */
export function salesforceProblems(files: ReadonlyMap<string, string>, catalog: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  const fieldFiles = new Map<string, string>();
  let permissions: z.infer<typeof permissionSet> | undefined;
  for (const [path, content] of files) {
    if (!path.startsWith('manifests/salesforce/') || !path.endsWith('.xml')) continue;
    const { doc, problem } = parse(path, content);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    const root = z.record(z.string(), z.unknown()).safeParse(doc);
    if (path.endsWith('.field-meta.xml')) {
      const parsed = customField.safeParse(root.success ? root.data.CustomField : undefined);
      if (!parsed.success) {
        problems.push(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
        continue;
      }
      const field = parsed.data;
      const name = path.slice(path.lastIndexOf('/') + 1, -'.field-meta.xml'.length);
      if (field.fullName !== name) problems.push(`${path}: fullName ${field.fullName} differs from the file name`);
      if (field.fullName.length > SALESFORCE_NAME_MAX || !/^[A-Za-z](?!.*__.*__)[A-Za-z0-9_]*[A-Za-z0-9]__c$/.test(field.fullName)) {
        problems.push(`${path}: ${field.fullName} is not a valid custom field name of at most ${SALESFORCE_NAME_MAX} characters`);
      }
      problems.push(...typeProblems(field).map((text) => `${path}: ${text}`));
      const object = path.split('/').at(-3) ?? '';
      fieldFiles.set(`${object}.${field.fullName}`, path);
      const entry = catalog.find((candidate) => salesforceFieldName(candidate) === field.fullName);
      if (entry !== undefined && object !== 'Pulse_Playbook__e') problems.push(...catalogProblems(field, entry).map((text) => `${path}: ${text}`));
    } else if (path.endsWith('.permissionset-meta.xml')) {
      const parsed = permissionSet.safeParse(root.success ? root.data.PermissionSet : undefined);
      if (parsed.success) permissions = parsed.data;
      else problems.push(`${path}: not a PermissionSet`);
    }
  }
  const expected = [
    ...entriesFor('account', catalog).map((entry) => `Account.${salesforceFieldName(entry)}`),
    ...entriesFor('task', catalog).map((entry) => `Activity.${salesforceFieldName(entry)}`),
  ];
  // Every event field too: a subscriber reads them all, and the connector publishes them all.
  const eventFields = PLAYBOOK_EVENT.fields.map((field) => `${PLAYBOOK_EVENT.name}.${field.name}`);
  for (const key of [...expected, ...eventFields]) if (!fieldFiles.has(key)) problems.push(`manifests/salesforce: no field file for ${key}`);
  for (const key of expected) {
    const granted = key.startsWith('Activity.') ? `Task.${key.slice('Activity.'.length)}` : key;
    const permission = permissions?.fieldPermissions.find((candidate) => candidate.field === granted);
    if (permission?.readable !== 'true' || permission.editable !== 'true') problems.push(`permission set: no read/edit on ${granted}`);
  }
  return problems;
}
