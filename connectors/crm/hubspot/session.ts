import type { HubspotLink } from './link';

/** What every connector step shares for one installation: its link (client, limits, retries, counts) and what it learned. */
export interface HubspotSession {
  link: HubspotLink;
  /** Company id → its `hubspot_owner_id` (null: no owner), learned whenever a company is read. */
  owners: Map<string, string | null>;
  /** Batch calls in flight at once. */
  requestsInFlight: number;
  matchByDomain: boolean;
  createMissingCompanies: boolean;
}
