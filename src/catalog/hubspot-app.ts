/**
 * The HubSpot developer-project files (platform 2025.2): `hsproject.json` and the app's `app-hsmeta.json`
 * (the card's files are in hubspot-card.ts). Scopes are the least the sync needs; each line says what
 * needs it. The card needs none of its own: it reads Pulse's web process, not HubSpot's API.
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

/** The web process's base URL the project files point at: `publicUrl`, or the committed placeholder. */
export function hubspotBaseUrl(publicUrl?: string): string {
  return (publicUrl ?? DEVELOPMENT_URL).replace(/\/+$/, '');
}

export function hubspotProjectFiles(publicUrl?: string): Record<string, unknown> {
  const base = hubspotBaseUrl(publicUrl);
  return {
    'hsproject.json': { name: 'consumption-pulse', srcDir: 'src', platformVersion: '2025.2' },
    'src/app/app-hsmeta.json': {
      uid: 'consumption_pulse_app',
      type: 'app',
      config: {
        name: 'Consumption Pulse',
        description: 'Usage-based health, expansion and spend signals on every company, with playbook tasks and workflow triggers.',
        // Listed on the marketplace: every portal that installs it gets the card as well as the sync.
        distribution: 'marketplace',
        auth: {
          type: 'oauth',
          redirectUrls: [`${base}/oauth/hubspot/callback`],
          requiredScopes: [...HUBSPOT_SCOPES],
          optionalScopes: [],
          conditionallyRequiredScopes: [],
        },
        // The card's hubspot.fetch calls go to the web process (`GET /api/crm-card/hubspot`); HubSpot refuses any other URL.
        permittedUrls: { fetch: [base], iframe: [], img: [] },
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
