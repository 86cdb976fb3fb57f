import type { HubspotLinkOptions } from './link';

export interface HubspotConnectorOptions extends HubspotLinkOptions {
  /** Match accounts without an id by company domain (search). @defaultValue false */
  matchByDomain?: boolean;
  /** Create a company for an account HubSpot does not hold. @defaultValue false */
  createMissingCompanies?: boolean;
  /**
   * The portal id, when the caller already knows it (a stored installation). Otherwise it is read from
   * `GET /account-info/v3/details`, and creating the connector fails if it cannot be read.
   */
  installationId?: string;
  /** Batch calls in flight at once. @defaultValue HUBSPOT.requestsInFlight (4) */
  requestsInFlight?: number;
}
