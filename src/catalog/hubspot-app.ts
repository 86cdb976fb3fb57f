/**
 * The HubSpot developer-project files (platform 2025.2): `hsproject.json` and the app's `app-hsmeta.json`.
 * Scopes are the least the sync needs; each line says what needs it.
 */
export const HUBSPOT_SCOPES: readonly string[] = [
  'oauth',
  // Read companies to match them by pulse_account_id, write to set Pulse properties.
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  // `pulse crm setup` reads and creates the property group and properties.
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  // HubSpot gates the tasks API (the playbook tasks) behind the contacts write scope.
  'crm.objects.contacts.write',
];

/** Where the web process receives the OAuth callback in development; an installer adds its public URL. */
export const HUBSPOT_REDIRECT_URL = 'http://localhost:3000/oauth/hubspot/callback';

export function hubspotProjectFiles(): Record<string, unknown> {
  return {
    'hsproject.json': { name: 'consumption-pulse', srcDir: 'src', platformVersion: '2025.2' },
    'src/app/app-hsmeta.json': {
      uid: 'consumption_pulse_app',
      type: 'app',
      config: {
        name: 'Consumption Pulse',
        description: 'Usage-based health, expansion and spend signals on every company, with playbook tasks and workflow triggers.',
        distribution: 'private',
        auth: {
          type: 'oauth',
          redirectUrls: [HUBSPOT_REDIRECT_URL],
          requiredScopes: [...HUBSPOT_SCOPES],
          optionalScopes: [],
          conditionallyRequiredScopes: [],
        },
        permittedUrls: { fetch: [], iframe: [], img: [] },
      },
    },
  };
}
