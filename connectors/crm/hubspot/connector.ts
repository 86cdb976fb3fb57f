import { toHubspotProperties, type ExtraValues, type FormattedSignals } from '../../../src/catalog';
import type { CrmConnector, FieldWrite, RecordHints, TaskWrite, TriggerEvent, WriteResult } from '../../../src/sync/ports';
import type { CrmCaller } from '../kit/caller';
import { keepingPartial } from '../kit/partial';
import { readPortalInfo } from './account-info';
import { HUBSPOT } from './description';
import { openHubspotLink } from './link';
import type { HubspotConnectorOptions } from './options';
import { resolveCompanies } from './resolve';
import type { HubspotSession } from './session';
import { createCompanyTasks } from './tasks';
import { writeCompanyFields } from './write-fields';

export interface HubspotConnector extends CrmConnector {
  /** Calls, 429s and retries by reason, for the run's metrics. */
  readonly caller: CrmCaller;
}

/**
 * The HubSpot connector for one installation: one client (SDK retries and limiter off), the kit's caller
 * with one limiter per lane, and HubSpot's exceptions (207 mapping, owners, domain search). Everything the
 * engine calls is batched 100 per request; an empty input makes no call, so an unchanged account costs nothing.
 */
export async function createHubspotConnector(options: HubspotConnectorOptions): Promise<HubspotConnector> {
  const link = openHubspotLink(options);
  const requestsInFlight = options.requestsInFlight ?? HUBSPOT.requestsInFlight;
  const session: HubspotSession = {
    link,
    owners: new Map(),
    requestsInFlight,
    matchByDomain: options.matchByDomain ?? false,
    createMissingCompanies: options.createMissingCompanies ?? false,
  };
  let installationId = options.installationId;
  if (installationId === undefined) {
    const portal = await readPortalInfo(link);
    installationId = portal.portalId;
    link.utcOffsetMs = portal.utcOffsetMs;
  }

  return {
    kind: 'hubspot',
    installationId,
    limits: { batchSize: HUBSPOT.batchSize, requestsInFlight },
    recordIdColumn: 'hubspot_company_id',
    caller: link.caller,
    get apiCalls() {
      return link.caller.calls;
    },
    get rateLimited() {
      return link.caller.rateLimited;
    },
    formatFields: (signals: FormattedSignals, extra: ExtraValues) => toHubspotProperties(signals, extra),
    resolveRecords: (accounts: readonly RecordHints[]) => (accounts.length === 0 ? Promise.resolve(new Map()) : resolveCompanies(session, accounts)),
    writeFields: (writes: readonly FieldWrite[]) => keepingPartial((settled) => writeCompanyFields(session, writes, settled)),
    createTasks: (tasks: readonly TaskWrite[]) => keepingPartial((settled) => createCompanyTasks(session, tasks, settled)),
    // HubSpot workflows enroll on property changes (`pulse_last_playbook`, `pulse_last_playbook_fired_at`),
    // written with the fields; there is no event to publish.
    publishEvents: (events: readonly TriggerEvent[]) => Promise.resolve(events.map((event): WriteResult => ({ key: event.key, ok: true }))),
    close: () => Promise.resolve(),
  };
}
