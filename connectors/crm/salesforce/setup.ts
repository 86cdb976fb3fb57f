import { z } from 'zod';
import { PERMISSION_SET_NAME } from '../../../src/catalog/salesforce-manifest';
import { PulseError } from '../../../src/errors';
import type { SalesforceLink } from './link';
import { CHECKED_OBJECTS, compareField, expectedFields, type DescribedField, type ExpectedField } from './setup-compare';

/**
 * `pulse crm setup --crm salesforce`: Salesforce fields are deployed as metadata (manifests/salesforce),
 * not created through the data API, so setup checks the org through `describe` and says what to deploy.
 */
export interface SalesforceCheckReport {
  /** `Object.Field (describe type)` for each field the org lacks, or that the user cannot see. */
  missing: string[];
  /** One line per field whose type, picklist values or external-id flag differ from the catalog. */
  mismatched: string[];
  ok: number;
}

/** `sf` must run inside the DX project (it looks for sfdx-project.json upward from the working directory). */
export const SALESFORCE_DEPLOY_COMMAND = 'cd manifests/salesforce && sf project deploy start --source-dir force-app';
export const SALESFORCE_ASSIGN_COMMAND = `sf org assign permset --name ${PERMISSION_SET_NAME}`;

const describeResponse = z.object({
  fields: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      externalId: z.boolean().default(false),
      unique: z.boolean().default(false),
      picklistValues: z.array(z.object({ value: z.string(), active: z.boolean() })).default([]),
    }),
  ),
});

/**
 * The object's fields, or `undefined` when the org has no such object (the platform event before its
 * deploy). Through the link: a 5xx or a dropped connection is retried, a spent allocation stops.
 */
async function describeFields(link: SalesforceLink, object: string): Promise<Map<string, DescribedField> | undefined> {
  const name = `describe ${object}`;
  const answer = await link.request<unknown>(name, { method: 'GET', url: `/sobjects/${object}/describe` });
  if (!answer.ok) {
    if (answer.code === 'NOT_FOUND') return undefined;
    throw new PulseError('CRM_REQUEST_FAILED', `Salesforce ${name} failed (${answer.code ?? answer.message})`, { place: name });
  }
  return new Map(describeResponse.parse(answer.data).fields.map((field) => [field.name, field]));
}

export async function checkSalesforce(link: SalesforceLink, expected: readonly ExpectedField[] = expectedFields()): Promise<SalesforceCheckReport> {
  const report: SalesforceCheckReport = { missing: [], mismatched: [], ok: 0 };
  for (const object of CHECKED_OBJECTS) {
    const wanted = expected.filter((field) => field.object === object);
    if (wanted.length === 0) continue;
    const fields = await describeFields(link, object);
    for (const field of wanted) {
      const { missing, mismatch = [] } = compareField(field, fields?.get(field.name));
      if (missing !== undefined) report.missing.push(missing);
      report.mismatched.push(...mismatch);
      if (missing === undefined && mismatch.length === 0) report.ok += 1;
    }
  }
  return report;
}

export function describeSalesforceCheck(report: SalesforceCheckReport): string {
  if (report.missing.length === 0 && report.mismatched.length === 0) return `Salesforce: all ${report.ok} fields present with the right types\n`;
  const lines = [`Salesforce: ${report.ok} fields in step, ${report.missing.length} missing, ${report.mismatched.length} mismatched`];
  lines.push(...report.missing.map((field) => `  missing  ${field}`), ...report.mismatched.map((line) => `  mismatch ${line}`));
  lines.push(
    'Deploy the metadata, then give the integration user access (a field it cannot see also shows as missing):',
    `  ${SALESFORCE_DEPLOY_COMMAND}`,
    `  ${SALESFORCE_ASSIGN_COMMAND}`,
  );
  if (report.mismatched.length > 0) lines.push('A field of the wrong type must be deleted or renamed in Setup before the deploy can recreate it.');
  return `${lines.join('\n')}\n`;
}

export function salesforceCheckPassed(report: SalesforceCheckReport): boolean {
  return report.missing.length === 0 && report.mismatched.length === 0;
}
