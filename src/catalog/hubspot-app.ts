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

/** Where the web process receives the OAuth callback in development; `PULSE_PUBLIC_URL=… pulse manifests` writes the real one. */
export const HUBSPOT_REDIRECT_URL = 'http://localhost:3000/oauth/hubspot/callback';
const DEVELOPMENT_URL = 'http://localhost:3000';

/**
 * The webhooks the web process acts on (`POST /webhooks/hubspot`): a company merged or deleted moves or
 * forgets the record id a warehouse account is stored against. App uninstalls are not a subscription
 * here: HubSpot's app lifecycle events are configured on the app, see docs/install.md.
 */
export const HUBSPOT_WEBHOOK_SUBSCRIPTIONS: readonly string[] = ['company.deletion', 'company.merge'];

export function hubspotProjectFiles(publicUrl?: string): Record<string, unknown> {
  const base = (publicUrl ?? DEVELOPMENT_URL).replace(/\/+$/, '');
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
          redirectUrls: [`${base}/oauth/hubspot/callback`],
          requiredScopes: [...HUBSPOT_SCOPES],
          optionalScopes: [],
          conditionallyRequiredScopes: [],
        },
        permittedUrls: { fetch: [], iframe: [], img: [] },
      },
    },
    'src/app/webhooks/webhooks-hsmeta.json': {
      uid: 'consumption_pulse_webhooks',
      type: 'webhooks',
      config: {
        settings: { targetUrl: `${base}/webhooks/hubspot`, maxConcurrentRequests: 10 },
        subscriptions: { legacyCrmObjects: HUBSPOT_WEBHOOK_SUBSCRIPTIONS.map((subscriptionType) => ({ subscriptionType, active: true })) },
      },
    },
  };
}
