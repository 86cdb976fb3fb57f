import type { PulseConfig } from '../../../src/config/config';
import { PulseError } from '../../../src/errors';
import { requireSettings, type Output } from '../settings';
import { openHubspotLink } from './link';
import { describeHubspotSetup, setupHubspot } from './setup';

/** `pulse crm setup --crm hubspot`: creates or updates the Pulse properties, through the installation's limits and retries. */
export async function setupHubspotFromConfig(crm: PulseConfig['crm'], out: Output): Promise<void> {
  const hub = crm.hubspot;
  const { HUBSPOT_ACCESS_TOKEN } = requireSettings('HubSpot', { HUBSPOT_ACCESS_TOKEN: hub.accessToken });
  const link = openHubspotLink({ accessToken: HUBSPOT_ACCESS_TOKEN, baseUrl: hub.baseUrl, rateLimitPer10s: hub.rateLimitPer10s });
  const report = await setupHubspot(link);
  out.write(describeHubspotSetup(report));
  if (report.conflicts.length > 0) {
    throw new PulseError('CRM_SCHEMA_MISMATCH', `${report.conflicts.length} HubSpot propert${report.conflicts.length === 1 ? 'y has' : 'ies have'} a type the catalog does not expect: ${report.conflicts.join('; ')}`);
  }
}
