/**
 * The worker's composition root: one state store held for the worker's life (with the embedded
 * store, its process lock makes a second worker say so and exit), and per run the installation's
 * configuration, its CRM account's rate budget in Redis, and the sync job itself.
 */
import type { Redis } from 'ioredis';
import { HUBSPOT } from '../connectors/crm/hubspot/description';
import { createRedisLimiters } from '../connectors/crm/kit/redis-limiter';
import type { RateLimiter } from '../connectors/crm/kit/limiter';
import { SALESFORCE } from '../connectors/crm/salesforce/description';
import { configForInstallation } from '../src/commands/installation-config';
import { crmOf, withSyncDeps } from '../src/commands/sync-deps';
import type { PulseConfig } from '../src/config/config';
import { openStateStore, type StateStore } from '../src/sync/state';
import { syncInstallation, type SyncLogger } from '../src/sync/sync-installation';
import type { RunOutcome, WorkerServices } from './worker';

/** The CRM account's budget, shared by every worker through Redis; the dry run has none to share. */
function sharedLimiters(redis: Redis, kind: string, accountId: string, config: PulseConfig): Record<string, RateLimiter> | undefined {
  if (kind === 'hubspot') return createRedisLimiters(redis, HUBSPOT, `hubspot:${accountId}`, { standardMax: config.crm.hubspot.rateLimitPer10s });
  if (kind === 'salesforce') return createRedisLimiters(redis, SALESFORCE, `salesforce:${accountId}`);
  return undefined;
}

export interface OpenedServices extends WorkerServices {
  close(): Promise<void>;
}

export async function openWorkerServices(base: PulseConfig, env: NodeJS.ProcessEnv, redis: Redis, logger: SyncLogger): Promise<OpenedServices> {
  const store: StateStore = await openStateStore(base.state);
  return {
    async listInstallations() {
      return (await store.listInstallations()).map(({ name, schedule, status }) => ({ name, schedule, status }));
    },
    async markNeedsAttention(name, reason) {
      await store.setInstallationStatus(name, 'needs_attention', reason);
    },
    async crmOf(name) {
      return (await store.findInstallationByName(name))?.crm ?? 'unknown';
    },
    async runInstallation(data, signal): Promise<RunOutcome | null> {
      const { config, installation, release } = await configForInstallation(store, data.installation, env);
      try {
        // Paused or waiting for its admin since the job was queued: nothing to do until resumed.
        if (installation.status !== 'active') return null;
        const kind = crmOf({}, config, installation);
        const limiters = sharedLimiters(redis, kind, installation.crmAccountId, config);
        return await withSyncDeps('sync', kind, config, { installation, asOf: data.asOf, store, limiters, logger }, async ({ deps, installation: target }) => {
          const result = await syncInstallation(deps, { installation: target, asOf: data.asOf, now: new Date().toISOString(), mode: 'sync', signal });
          if (result.mode !== 'sync') throw new Error('a sync returned a plan');
          return { crm: kind, counts: result.counts, rateLimited: deps.connector.rateLimited ?? 0 };
        });
      } finally {
        release();
      }
    },
    close: () => store.close(),
  };
}
