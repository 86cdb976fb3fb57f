/** The HubSpot connector: `createHubspotConnector` implements the CRM port for one installation; `setupHubspot` creates its properties. */
export { createHubspotConnector, type HubspotConnector } from './connector';
export type { HubspotConnectorOptions } from './options';
export { openHubspotLink, type HubspotLink, type HubspotLinkOptions, type HubspotLane } from './link';
export { HUBSPOT, HUBSPOT_API, HUBSPOT_RATE_TIERS, type HubspotRateLimit } from './description';
export { setupHubspot, describeHubspotSetup, type HubspotSetupReport } from './setup';
export type { HubspotOAuthOptions, HubspotOAuthTokens } from './oauth';
