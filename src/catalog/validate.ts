import { CATALOG } from './catalog';
import type { CatalogEntry } from './types';
import { hubspotProblems } from './validate-hubspot';
import { salesforceProblems } from './validate-salesforce';
import { salesforceAppProblems } from './validate-salesforce-app';

/**
 * Structural validation of generated (or committed) manifests: well-formed files, the elements each
 * field type needs, names within limits, enumeration options equal to the catalog's. Empty when valid.
 */
export function validateManifests(files: ReadonlyMap<string, string>, catalog: readonly CatalogEntry[] = CATALOG): string[] {
  return [...hubspotProblems(files, catalog), ...salesforceProblems(files, catalog), ...salesforceAppProblems(files)];
}
