/** The HubSpot connector: `createHubspotConnector` implements the CRM interface for one installation. */
export { createHubspotConnector } from './connector';
export { hubspotOptionsFromEnv, type HubspotConnectorOptions } from './options';
export { HubspotDailyLimitError, isHubspotDailyLimit } from './errors';
export { decideRetry, DEFAULT_RETRY_POLICY, type RetryDecision, type RetryPolicy, type RetryReason } from './retry';
export { SlidingWindowLimiter } from './limiter';
export { HUBSPOT, type HubspotRateLimit } from './provider';
export type { HubspotOAuthOptions, HubspotOAuthTokens } from './oauth';
