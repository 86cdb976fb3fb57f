import type { HubspotApis } from './apis';
import type { HubspotCaller } from './caller';

/** What every connector step shares for one installation: its caller (limits, retries, counts) and its client. */
export interface HubspotSession {
  caller: HubspotCaller;
  /** The current client's modules (a refreshed OAuth token replaces the client). */
  apis(): HubspotApis;
  /** Company id → its `hubspot_owner_id` (null: no owner), learned whenever a company is read. */
  owners: Map<string, string | null>;
  /** Batch calls in flight at once. */
  concurrency: number;
  matchByDomain: boolean;
  createMissingCompanies: boolean;
}
