/** The field catalog: the one list of CRM fields, and everything derived from it. */
export { CATALOG, assertCatalog, catalogProblems, entriesFor, findEntry } from './catalog';
export { PLAYBOOK_NAMES, isPlaybookName, type PlaybookName } from './playbooks';
export { HUBSPOT_GROUP, hubspotName, hubspotPropertyName, salesforceFieldName, salesforceName } from './names';
export { formatForHubspot, formatForSalesforce, type SalesforceValue } from './format';
export { toHubspotProperties, toSalesforceFields, type ExtraValues, type FormattedSignals } from './mapping';
export { hubspotManifests, hubspotProperty, type HubspotObjectManifest, type HubspotPropertyDefinition } from './hubspot-manifest';
export { HUBSPOT_SCOPES } from './hubspot-app';
export { DESCRIBE_TYPES, salesforceType, type SalesforceFieldType } from './salesforce-fields';
export { PLAYBOOK_EVENT } from './platform-event';
export { SALESFORCE_API_VERSION, PERMISSION_SET_NAME, salesforceProjectFiles } from './salesforce-manifest';
export { generateFiles, FIELDS_DOC, GENERATED_DIRS } from './generate';
export { compareFiles } from './drift';
export { checkManifests, writeManifests } from './files';
export { validateManifests } from './validate';
export type { CatalogEntry, CatalogValue, CrmObject, EnumOption, FieldSource, FieldType } from './types';
