/** The wiring the plan and sync commands share: connector choice, sealed credentials, rejected rows. */
import { createConnector, type ConnectorSetup } from '../../connectors/crm';
import type { CrmKind } from '../../connectors/crm/types';
import type { ValidationReport } from '../../connectors/warehouse/validation';
import type { PulseConfig } from '../config/config';
import { encryptSecret, parseEncryptionKey } from '../crypto';
import { isPulseError } from '../errors';
import type { Rejection } from './state';

export const CRM_CHOICES = ['hubspot', 'salesforce', 'dry-run'] as const;
export const DEFAULT_TENANT = 'default';

const LABEL: Record<CrmKind, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce', 'dry-run': 'dry-run' };

/**
 * The connector a dry run plans with: the real CRM when it is configured (resolving record ids is a
 * read), else the dry-run CRM formatting like it, with a note saying so. A real run never falls back.
 */
export async function planningConnector(kind: CrmKind, config: PulseConfig): Promise<ConnectorSetup & { note: string | null }> {
  try {
    return { ...(await createConnector(kind, config.crm, { forPlan: true })), note: null };
  } catch (error) {
    if (kind === 'dry-run' || !isPulseError(error) || error.code !== 'CRM_NOT_CONFIGURED') throw error;
    const setup = await createConnector('dry-run', config.crm, { mimic: kind });
    const note = `${error.message}. Planning against the dry-run CRM with ${LABEL[kind]}'s field names: every account counts as matched.`;
    return { ...setup, note };
  }
}

export function describeConnector(setup: ConnectorSetup): string {
  const { connector } = setup;
  return connector.kind === 'dry-run' ? `the dry-run CRM (${connector.installationId})` : `${LABEL[connector.kind]} ${connector.installationId}`;
}

/**
 * The credential to keep for the installation: sealed with PULSE_ENCRYPTION_KEY, or nothing at all.
 * Without a key no credential is stored: the CLI reads its token from the environment on every
 * run, and a token must never rest in the store in clear.
 */
export function sealCredential(credential: string | null, config: Pick<PulseConfig, 'encryptionKey'>): string | null {
  if (credential === null || config.encryptionKey === undefined) return null;
  return encryptSecret(credential, parseEncryptionKey(config.encryptionKey));
}

export function rejectedRows(report: ValidationReport): Rejection[] {
  return report.rejected.map((row) => ({ kind: 'row', key: `${row.model} [${row.key}]`, account_id: null, reason: row.reason }));
}
