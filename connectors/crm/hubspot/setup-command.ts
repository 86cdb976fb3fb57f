import type { PulseConfig } from '../../../src/config/config';
import { PulseError } from '../../../src/errors';
import type { Output } from '../settings';
import { hubspotAuthFromConfig } from './config-auth';
import { openHubspotLink } from './link';
import { describeHubspotSetup, setupHubspot } from './setup';

/** `pulse crm setup --crm hubspot`: creates or updates the Pulse properties, through the installation's limits and retries. */
export async function setupHubspotFromConfig(crm: PulseConfig['crm'], out: Output, onCredentials?: (changed: Record<string, string>) => Promise<void>): Promise<void> {
  const hub = crm.hubspot;
  // A named installation's setup keeps a refreshed pair (`onCredentials`), as its runs do: HubSpot may rotate the refresh token.
  const { auth } = hubspotAuthFromConfig(hub, onCredentials);
  const link = openHubspotLink({ ...auth, baseUrl: hub.baseUrl, rateLimitPer10s: hub.rateLimitPer10s });
  const report = await setupHubspot(link);
  out.write(describeHubspotSetup(report));
  if (report.conflicts.length > 0) {
    throw new PulseError('CRM_SCHEMA_MISMATCH', `${report.conflicts.length} HubSpot propert${report.conflicts.length === 1 ? 'y has' : 'ies have'} a type the catalog does not expect: ${report.conflicts.join('; ')}`);
  }
}
