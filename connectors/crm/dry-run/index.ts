/**
 * The dry-run CRM: accepts every write and sends nothing anywhere. It formats fields as the CRM it
 * mimics, so a plan shows real HubSpot property names or Salesforce field names, and `pulse demo`
 * runs the main job end to end with no CRM configured.
 */
import { toHubspotProperties, toSalesforceFields } from '../../../src/catalog';
import type { CrmConnector, CrmValue, RecordHints, WriteResult } from '../types';

export type MimickedCrm = 'hubspot' | 'salesforce';

export interface DryRunOptions {
  /** Whose field names and value formats to produce. @defaultValue 'hubspot' */
  mimic?: MimickedCrm;
}

const accept = (keys: readonly string[]): WriteResult[] => keys.map((key) => ({ key, ok: true }));

export function createDryRunConnector(options: DryRunOptions = {}): CrmConnector {
  const mimic = options.mimic ?? 'hubspot';
  // Each mimicked format is its own installation: their stored field names differ.
  const installationId = `dry-run:${mimic}`;
  const recordIdOf = (hints: RecordHints): string =>
    (mimic === 'hubspot' ? hints.hubspot_company_id : hints.salesforce_account_id) ?? `dry-run-${hints.account_id}`;
  return {
    kind: 'dry-run',
    installationId,
    formatFields(signals, extra): Record<string, CrmValue> {
      return mimic === 'hubspot' ? toHubspotProperties(signals, extra) : toSalesforceFields(signals, extra);
    },
    // Every account matches: there is no CRM to miss it. The warehouse's own CRM id is used when it has one.
    resolveRecords: async (accounts) => new Map(accounts.map((a) => [a.account_id, recordIdOf(a)])),
    writeFields: async (writes) => accept(writes.map((w) => w.account_id)),
    createTasks: async (tasks) => accept(tasks.map((t) => t.key)),
    publishEvents: async (events) => accept(events.map((e) => e.key)),
    apiCalls: 0,
    close: async () => undefined,
  };
}
