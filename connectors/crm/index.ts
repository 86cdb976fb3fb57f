/**
 * The connector factory: a CRM kind and the configuration → a connector, plus the credential a run
 * should keep (sealed) for its installation. Connectors are built here only, so a command never
 * reaches into a CRM's folder.
 */
import type { PulseConfig } from '../../src/config/config';
import { PulseError } from '../../src/errors';
import { createDryRunConnector, type MimickedCrm } from './dry-run';
import { createHubspotConnector } from './hubspot';
import type { CrmConnector, CrmKind } from './types';

export interface ConnectorSetup {
  connector: CrmConnector;
  /** The secret the connector authenticates with (plaintext; the caller seals it), or null. */
  credential: string | null;
}

export interface ConnectorOptions {
  /** For 'dry-run': whose format to mimic. @defaultValue the configured provider, else 'hubspot' */
  mimic?: MimickedCrm;
  /**
   * The connector serves a dry run: it may read (resolve record ids) but must create nothing, so
   * HubSpot's createMissingCompanies is forced off. @defaultValue false
   */
  forPlan?: boolean;
}

export async function createConnector(kind: CrmKind, crm: PulseConfig['crm'], options: ConnectorOptions = {}): Promise<ConnectorSetup> {
  switch (kind) {
    case 'dry-run': {
      const mimic = options.mimic ?? (crm.provider === 'salesforce' ? 'salesforce' : 'hubspot');
      return { connector: createDryRunConnector({ mimic }), credential: null };
    }
    case 'hubspot': {
      const hub = crm.hubspot;
      if (!hub.accessToken) {
        throw new PulseError('CRM_NOT_CONFIGURED', 'HubSpot needs HUBSPOT_ACCESS_TOKEN (a private-app token) in the environment', {
          place: 'HUBSPOT_ACCESS_TOKEN',
        });
      }
      const connector = await createHubspotConnector({
        accessToken: hub.accessToken,
        baseUrl: hub.baseUrl,
        rateLimitPer10s: hub.rateLimitPer10s,
        matchByDomain: hub.matchByDomain,
        // A dry run may read but never create: the plan must not change the CRM.
        createMissingCompanies: options.forPlan === true ? false : hub.createMissingCompanies,
      });
      return { connector, credential: hub.accessToken };
    }
    case 'salesforce':
      // The Salesforce writer is its own issue; `pulse crm setup --crm salesforce` already checks its fields.
      throw new PulseError('CRM_NOT_CONFIGURED', 'the Salesforce connector is not available yet: use --crm hubspot or --crm dry-run', {
        place: '--crm',
      });
  }
}
