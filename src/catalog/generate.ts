import { assertCatalog, CATALOG } from './catalog';
import { fieldsMarkdown } from './docs';
import { pulseHealthCardSource } from '../hubspot-card/source';
import { hubspotBaseUrl, hubspotProjectFiles } from './hubspot-app';
import { hubspotCardFiles } from './hubspot-card';
import { hubspotManifests } from './hubspot-manifest';
import { salesforceCallbackUrl } from './salesforce-app';
import { salesforceProjectFiles } from './salesforce-manifest';
import type { CatalogEntry } from './types';

/** The folders `pulse manifests` owns entirely: a file in them that is not generated is drift. */
export const GENERATED_DIRS: readonly string[] = ['manifests/hubspot', 'manifests/salesforce'];
export const FIELDS_DOC = 'docs/fields.md';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** What generation takes from the deployment, beside the catalog. */
export interface DeploymentValues {
  /** `PULSE_PUBLIC_URL`: both apps' OAuth callbacks and HubSpot's webhook URL go under it. Absent: the committed placeholders. */
  publicUrl?: string;
  /** The HubSpot card's source text. @defaultValue src/hubspot-card/PulseHealthCard.ts as on disk */
  cardSource?: string;
}

/**
 * Every generated file, path (relative to the repository root, `/`-separated) → content, in a stable
 * order and each ending in a newline, so `--check` can compare byte for byte. Without `deployment`, the
 * files as committed: the same on every machine.
 */
export function generateFiles(catalog: readonly CatalogEntry[] = CATALOG, deployment: DeploymentValues = {}): Map<string, string> {
  assertCatalog(catalog);
  const files = new Map<string, string>();
  for (const manifest of hubspotManifests(catalog)) {
    files.set(`manifests/hubspot/properties/${manifest.objectType}.json`, json(manifest));
  }
  for (const [path, content] of Object.entries(hubspotProjectFiles(deployment.publicUrl))) files.set(`manifests/hubspot/${path}`, json(content));
  const cardSource = deployment.cardSource ?? pulseHealthCardSource();
  for (const [path, content] of Object.entries(hubspotCardFiles(hubspotBaseUrl(deployment.publicUrl), cardSource))) files.set(`manifests/hubspot/${path}`, content);
  for (const [path, content] of Object.entries(salesforceProjectFiles(catalog, salesforceCallbackUrl(deployment.publicUrl)))) files.set(`manifests/salesforce/${path}`, content);
  files.set(FIELDS_DOC, fieldsMarkdown(catalog));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
