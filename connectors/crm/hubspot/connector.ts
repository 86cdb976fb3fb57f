import { toHubspotProperties, type ExtraValues, type FormattedSignals } from '../../../src/catalog';
import type { CrmConnector, FieldWrite, RecordHints, TaskWrite, TriggerEvent, WriteResult } from '../types';
import { readPortalInfo } from './account-info';
import { pinHubspotApis, type HubspotApis } from './apis';
import { HubspotCaller } from './caller';
import { systemClock } from './clock';
import { isHubspotDailyLimit } from './errors';
import { SlidingWindowLimiter } from './limiter';
import { OAuthTokenKeeper } from './oauth';
import type { HubspotConnectorOptions } from './options';
import { HUBSPOT } from './provider';
import { resolveCompanies } from './resolve';
import type { HubspotSession } from './session';
import { createCompanyTasks } from './tasks';
import { writeCompanyFields } from './write-fields';

/** Runs a write step; when the daily limit stops it, the results settled before the stop travel with the error. */
async function keepingPartial(run: (settled: WriteResult[]) => Promise<WriteResult[]>): Promise<WriteResult[]> {
  const settled: WriteResult[] = [];
  try {
    return await run(settled);
  } catch (error) {
    if (isHubspotDailyLimit(error)) error.partial = [...settled];
    throw error;
  }
}

/**
 * The HubSpot connector for one installation: one client (SDK retries and limiter off), one limiter per
 * lane, its own retries. Everything the engine calls is batched 100 per request; an empty input makes
 * no call, so an unchanged account costs nothing.
 */
export async function createHubspotConnector(options: HubspotConnectorOptions): Promise<CrmConnector & { readonly caller: HubspotCaller }> {
  const clock = options.clock ?? systemClock;
  const keeper = options.oauth === undefined ? undefined : new OAuthTokenKeeper(options.oauth, options.baseUrl, clock);
  let token = options.oauth?.tokens.accessToken ?? options.accessToken;
  let apis: HubspotApis = pinHubspotApis(token, options.baseUrl);
  let utcOffsetMs = 0;
  const caller = new HubspotCaller({
    clock,
    policy: options.retryPolicy,
    random: options.random,
    limiters: {
      standard: new SlidingWindowLimiter(options.rateLimitPer10s ?? HUBSPOT.defaultRateLimitPer10s, HUBSPOT.windowMs, clock),
      search: new SlidingWindowLimiter(HUBSPOT.searchPerSecond, 1000, clock),
    },
    utcOffsetMs: () => utcOffsetMs,
    beforeAttempt: async () => {
      if (keeper === undefined) return;
      const current = await keeper.accessToken();
      // A refreshed token gets a fresh client: the SDK copies the token into each module when it is built.
      if (current !== token) apis = pinHubspotApis((token = current), options.baseUrl);
    },
    onRetry: options.onRetry,
  });
  const session: HubspotSession = {
    caller,
    apis: () => apis,
    owners: new Map(),
    concurrency: options.concurrency ?? 4,
    matchByDomain: options.matchByDomain ?? false,
    createMissingCompanies: options.createMissingCompanies ?? false,
  };
  let installationId = options.installationId;
  if (installationId === undefined) {
    const portal = await readPortalInfo(caller, () => apis);
    installationId = portal?.portalId ?? 'hubspot-default';
    utcOffsetMs = portal?.utcOffsetMs ?? 0;
  }

  return {
    kind: 'hubspot',
    installationId,
    caller,
    get apiCalls() {
      return caller.calls;
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
