/**
 * What a HubSpot webhook delivery means for the state store, one event at a time: the app uninstalled
 * from a portal deactivates that portal's installations and deletes their tokens; a company merged or
 * deleted moves or forgets the record ids stored against it. Events of other kinds, and of portals with
 * no installation here, change nothing.
 */
import { z } from 'zod';
import type { NamedInstallation, StateStore } from '../../sync/state';

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

/** One event as HubSpot sends it; only the fields acted on are read, the rest pass. */
export const hubspotEvent = z.looseObject({
  subscriptionType: z.string(),
  portalId: id,
  objectId: id.optional(),
  primaryObjectId: id.optional(),
  newObjectId: id.optional(),
  mergedObjectIds: z.array(id).optional(),
});
export const hubspotDelivery = z.array(hubspotEvent).max(1000);
export type HubspotEvent = z.infer<typeof hubspotEvent>;

/**
 * The app-uninstall event. HubSpot's app lifecycle subscription for projects; kept in one place so a
 * renamed type is one edit.
 */
export const APP_UNINSTALL = 'app.uninstall';

export interface EventOutcome {
  subscriptionType: string;
  portalId: string;
  installations: string[];
  /** Accounts whose record id moved or was forgotten. */
  accounts: number;
}

async function portalInstallations(store: StateStore, portalId: string): Promise<NamedInstallation[]> {
  // Two installations may share one portal deliberately (--share-account): an event concerns both.
  return (await store.listInstallations()).filter((i) => i.crm === 'hubspot' && i.crmAccountId === portalId);
}

async function uninstall(store: StateStore, installation: NamedInstallation, portalId: string): Promise<void> {
  await store.setInstallationStatus(installation.name, 'needs_attention', `the app was uninstalled from HubSpot portal ${portalId}; install it again to resume (its history is kept)`);
  await store.saveCredentials(installation.id, null);
}

/** The surviving company of a merge, and the ids that no longer exist. */
function mergeOf(event: HubspotEvent): { to: string; from: string[] } | null {
  const to = event.newObjectId ?? event.primaryObjectId ?? event.objectId;
  if (to === undefined) return null;
  const from = [...(event.mergedObjectIds ?? []), ...(event.primaryObjectId === undefined ? [] : [event.primaryObjectId])].filter((old) => old !== to);
  return { to, from };
}

export async function applyHubspotEvent(store: StateStore, event: HubspotEvent): Promise<EventOutcome> {
  const installations = await portalInstallations(store, event.portalId);
  let accounts = 0;
  for (const installation of installations) {
    if (event.subscriptionType === APP_UNINSTALL) {
      await uninstall(store, installation, event.portalId);
    } else if (event.subscriptionType === 'company.deletion' && event.objectId !== undefined) {
      accounts += (await store.forgetRecordIds(installation.id, [event.objectId])).length;
    } else if (event.subscriptionType === 'company.merge') {
      const merge = mergeOf(event);
      if (merge !== null) accounts += (await store.moveRecordIds(installation.id, merge.from, merge.to)).length;
    }
  }
  return { subscriptionType: event.subscriptionType, portalId: event.portalId, installations: installations.map((i) => i.name), accounts };
}
