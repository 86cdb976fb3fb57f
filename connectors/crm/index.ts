/**
 * The connector factory: a CRM kind and the configuration → a connector, plus the credential a run
 * should keep (sealed) for its installation. Connectors are built here only, so a command never
 * reaches into a CRM's folder.
 */
import type { PulseConfig } from '../../src/config/config';
import { PulseError } from '../../src/errors';
import { createDryRunConnector, type MimickedCrm } from './dry-run';
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
    case 'hubspot':
    case 'salesforce':
      // Wired in by the integrator once the connectors land (connectors/crm/hubspot, connectors/crm/salesforce);
      // with options.forPlan, pass createMissingCompanies: false.
      throw new PulseError('CRM_NOT_CONFIGURED', `the ${kind} connector is not available yet: use --crm dry-run`, { place: '--crm' });
  }
}
