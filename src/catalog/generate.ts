import { assertCatalog, CATALOG } from './catalog';
import { fieldsMarkdown } from './docs';
import { hubspotProjectFiles } from './hubspot-app';
import { hubspotManifests } from './hubspot-manifest';
import { salesforceProjectFiles } from './salesforce-manifest';
import type { CatalogEntry } from './types';

/** The folders `pulse manifests` owns entirely: a file in them that is not generated is drift. */
export const GENERATED_DIRS: readonly string[] = ['manifests/hubspot', 'manifests/salesforce'];
export const FIELDS_DOC = 'docs/fields.md';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Every generated file, path (relative to the repository root, `/`-separated) → content, in a stable
 * order and each ending in a newline, so `--check` can compare byte for byte.
 */
export function generateFiles(catalog: readonly CatalogEntry[] = CATALOG): Map<string, string> {
  assertCatalog(catalog);
  const files = new Map<string, string>();
  for (const manifest of hubspotManifests(catalog)) {
    files.set(`manifests/hubspot/properties/${manifest.objectType}.json`, json(manifest));
  }
  for (const [path, content] of Object.entries(hubspotProjectFiles())) files.set(`manifests/hubspot/${path}`, json(content));
  for (const [path, content] of Object.entries(salesforceProjectFiles(catalog))) files.set(`manifests/salesforce/${path}`, content);
  files.set(FIELDS_DOC, fieldsMarkdown(catalog));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
