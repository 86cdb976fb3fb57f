import { CATALOG, entriesFor } from './catalog';
import { salesforceFieldName } from './names';
import { eventFieldElements, eventObjectElements, PLAYBOOK_EVENT } from './platform-event';
import { SALESFORCE_APP_PATHS, SALESFORCE_CALLBACK_URL, salesforceAppFiles } from './salesforce-app';
import { salesforceFieldElements } from './salesforce-fields';
import { salesforceLwcFiles } from './salesforce-lwc';
import type { CatalogEntry } from './types';
import { metadataDocument, type XmlNode } from './xml';

/** The API version the metadata is written for; `SALESFORCE_API_VERSION` defaults to the same. */
export const SALESFORCE_API_VERSION = '60.0';
export const PERMISSION_SET_NAME = 'Consumption_Pulse';
const DEFAULT = 'force-app/main/default';

/**
 * Every file of the Salesforce DX project, relative to `manifests/salesforce/`. `callbackUrl`: the External
 * Client App's OAuth callback (the development placeholder unless the deployment's is given).
 */
export function salesforceProjectFiles(catalog: readonly CatalogEntry[] = CATALOG, callbackUrl: string = SALESFORCE_CALLBACK_URL): Record<string, string> {
  const files: Record<string, string> = {};
  files['sfdx-project.json'] = `${JSON.stringify(
    {
      packageDirectories: [{ path: 'force-app', default: true }],
      name: 'consumption-pulse',
      namespace: '',
      sfdcLoginUrl: 'https://login.salesforce.com',
      sourceApiVersion: SALESFORCE_API_VERSION,
    },
    null,
    2,
  )}\n`;
  for (const entry of entriesFor('account', catalog)) {
    files[`${DEFAULT}/objects/Account/fields/${salesforceFieldName(entry)}.field-meta.xml`] = fieldDocument(salesforceFieldElements(entry));
  }
  // Task custom fields are Activity fields: the Metadata API only accepts them under objects/Activity.
  for (const entry of entriesFor('task', catalog)) {
    files[`${DEFAULT}/objects/Activity/fields/${salesforceFieldName(entry)}.field-meta.xml`] = fieldDocument(salesforceFieldElements(entry));
  }
  const event = `${DEFAULT}/objects/${PLAYBOOK_EVENT.name}`;
  files[`${event}/${PLAYBOOK_EVENT.name}.object-meta.xml`] = metadataDocument('CustomObject', eventObjectElements());
  for (const field of PLAYBOOK_EVENT.fields) {
    files[`${event}/fields/${field.name}.field-meta.xml`] = fieldDocument(eventFieldElements(field));
  }
  files[`${DEFAULT}/permissionsets/${PERMISSION_SET_NAME}.permissionset-meta.xml`] = permissionSet(catalog);
  const app = salesforceAppFiles({ callbackUrl, permissionSet: PERMISSION_SET_NAME });
  for (const type of Object.keys(SALESFORCE_APP_PATHS) as (keyof typeof SALESFORCE_APP_PATHS)[]) {
    files[`${DEFAULT}/${SALESFORCE_APP_PATHS[type]}`] = app[type];
  }
  // The Account page card reads the fields through Lightning Data Service; the permission set above grants them.
  for (const [path, content] of Object.entries(salesforceLwcFiles(SALESFORCE_API_VERSION, catalog))) files[`${DEFAULT}/${path}`] = content;
  return files;
}

function fieldDocument(elements: XmlNode[]): string {
  return metadataDocument('CustomField', elements);
}

function fieldPermission(field: string): XmlNode {
  return ['fieldPermissions', [['editable', true], ['field', field], ['readable', true]]];
}

function permissionSet(catalog: readonly CatalogEntry[]): string {
  const fields = [
    ...entriesFor('account', catalog).map((entry) => `Account.${salesforceFieldName(entry)}`),
    // An Activity field's access is granted per activity type; tasks are what Pulse writes, events see it too.
    ...entriesFor('task', catalog).flatMap((entry) => [`Event.${salesforceFieldName(entry)}`, `Task.${salesforceFieldName(entry)}`]),
  ].sort();
  return metadataDocument('PermissionSet', [
    ['description', 'Read and edit every Consumption Pulse field, and publish Pulse playbook events. Assign to the integration user and to everyone who views the fields.'],
    ...fields.map(fieldPermission),
    ['hasActivationRequired', false],
    ['label', 'Consumption Pulse'],
    ['objectPermissions', [
      // Publishing a platform event needs Create; Read lets flows and admins subscribe.
      ['allowCreate', true],
      ['allowDelete', false],
      ['allowEdit', false],
      ['allowRead', true],
      ['modifyAllRecords', false],
      ['object', PLAYBOOK_EVENT.name],
      ['viewAllRecords', false],
    ]],
  ]);
}
