import type { Client } from '@hubspot/api-client';
import { createHubspotClient } from './client';

/** The SDK modules the connector and setup use, taken from one client. */
export interface HubspotApis {
  client: Client;
  companies: Client['crm']['companies'];
  tasks: Client['crm']['objects']['tasks'];
  properties: Client['crm']['properties'];
}

/**
 * Creates the client and takes its API modules at once. The SDK applies its retry and limiter
 * decorators from a process-wide list when a module is first used, and every `new Client` replaces that
 * list; taking the modules in the same tick as the constructor binds them to this client's list (no
 * retries, no limiter) whatever other clients in the process are created later.
 */
export function pinHubspotApis(accessToken: string, baseUrl: string | undefined): HubspotApis {
  const client = createHubspotClient({ accessToken, baseUrl });
  return { client, companies: client.crm.companies, tasks: client.crm.objects.tasks, properties: client.crm.properties };
}
