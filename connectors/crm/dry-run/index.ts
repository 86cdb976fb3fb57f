/**
 * The dry-run CRM: accepts every write and sends nothing anywhere. It formats fields as the CRM it
 * mimics, so a plan shows real HubSpot property names or Salesforce field names, and `pulse demo`
 * runs the main job end to end with no CRM configured.
 */
import { toHubspotProperties, toSalesforceFields } from '../../../src/catalog';
import type { CrmIdColumn } from '../../../src/domain/contract';
import type { CrmConnector, CrmValue, WriteResult } from '../../../src/sync/ports';

export type MimickedCrm = 'hubspot' | 'salesforce';

export interface DryRunOptions {
  /** Whose field names and value formats to produce. @defaultValue 'hubspot' */
  mimic?: MimickedCrm;
}

const accept = (keys: readonly string[]): WriteResult[] => keys.map((key) => ({ key, ok: true }));
const ID_COLUMN: Record<MimickedCrm, CrmIdColumn> = { hubspot: 'hubspot_company_id', salesforce: 'salesforce_account_id' };

export function createDryRunConnector(options: DryRunOptions = {}): CrmConnector {
  const mimic = options.mimic ?? 'hubspot';
  return {
    kind: 'dry-run',
    // Each mimicked format is its own installation: their stored field names differ.
    installationId: `dry-run:${mimic}`,
    // Nothing is sent: units of 100 keep the run's progress records as frequent as a real CRM's.
    limits: { batchSize: 100, requestsInFlight: 1 },
    recordIdColumn: ID_COLUMN[mimic],
    formatFields(signals, extra): Record<string, CrmValue> {
      return mimic === 'hubspot' ? toHubspotProperties(signals, extra) : toSalesforceFields(signals, extra);
    },
    // Every account matches: there is no CRM to miss it. The warehouse's own CRM id is used when it has one.
    resolveRecords: async (accounts) => new Map(accounts.map((a) => [a.account_id, a.record_id ?? `dry-run-${a.account_id}`])),
    writeFields: async (writes) => accept(writes.map((w) => w.account_id)),
    createTasks: async (tasks) => accept(tasks.map((t) => t.key)),
    publishEvents: async (events) => accept(events.map((e) => e.key)),
    apiCalls: 0,
    close: async () => undefined,
  };
}
