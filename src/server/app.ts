/**
 * The web process's express app, built from its dependencies so tests drive the real app: security
 * headers, ops endpoints (`/healthz`, `/readyz`, `/metrics`), OAuth installs, HubSpot's webhooks and
 * the admin API and the console. The entry point (`pulse serve`) opens the dependencies and listens.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Queue } from 'bullmq';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { PulseConfig } from '../config/config';
import type { StateStore } from '../sync/state';
import { adminApi } from './admin-api';
import { consoleRoutes } from './console/routes';
import { hubspotCardRoute } from './crm-card/hubspot-card-route';
import { countRequests } from './http-metrics';
import { oauthRoutes } from './oauth/routes';
import { reportRoutes } from './report/routes';
import { hubspotWebhookRoute } from './webhooks/hubspot-route';
import { memoryReplayGuard, redisReplayGuard } from './webhooks/replay-guard';

export interface AppDeps {
  store: StateStore;
  /** The sync queue and its Redis, when REDIS_URL is set. */
  queue: Queue | null;
  redis: Redis | null;
  adminToken: string | undefined;
  logger: Logger;
  registry: Registry;
  /** The deployment's configuration (public URL, encryption key, the CRM apps' ids and secrets). */
  config: PulseConfig;
  /** The deployment's environment: an installation's runs are configured from it (installation-config.ts). */
  env: NodeJS.ProcessEnv;
  /** @defaultValue Date.now */
  now?: () => number;
}

/** A webhook timestamp is fresh this long, and a handled signature is remembered as long. */
const WEBHOOK_WINDOW_MS = 300_000;

/** A readiness probe gives up after this long: a hung dependency is a down one. */
const PROBE_MS = 2_000;

async function probe(name: string, check: () => Promise<unknown>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_MS} ms`)), PROBE_MS)));
  try {
    await Promise.race([check(), timeout]);
    return null;
  } catch (error) {
    return `${name}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(countRequests(deps.registry));

  app.get('/healthz', (_req: Request, res: Response) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req: Request, res: Response) => {
    const { redis } = deps;
    const down = (
      await Promise.all([probe('state store', () => deps.store.listRuns(1)), redis === null ? Promise.resolve(null) : probe('redis', () => redis.ping())])
    ).filter((problem): problem is string => problem !== null);
    res.status(down.length === 0 ? 200 : 503).json(down.length === 0 ? { status: 'ready' } : { status: 'not ready', down });
  });
  app.get('/metrics', async (_req: Request, res: Response) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });

  const now = deps.now ?? Date.now;
  app.use('/oauth', oauthRoutes({ store: deps.store, queue: deps.queue, config: deps.config, env: deps.env, logger: deps.logger, now }));
  app.use(
    '/webhooks',
    hubspotWebhookRoute({
      store: deps.store,
      logger: deps.logger,
      clientSecret: deps.config.crm.hubspot.clientSecret,
      publicUrl: deps.config.publicUrl,
      replays: deps.redis === null ? memoryReplayGuard(WEBHOOK_WINDOW_MS, now) : redisReplayGuard(deps.redis, WEBHOOK_WINDOW_MS),
      now,
    }),
  );
  app.use('/report', reportRoutes({ store: deps.store, encryptionKey: deps.config.encryptionKey, logger: deps.logger, now }));
  // Before the admin API: HubSpot's signature, not the admin token, authenticates the card's requests.
  app.use('/api/crm-card', hubspotCardRoute({ store: deps.store, logger: deps.logger, clientSecret: deps.config.crm.hubspot.clientSecret, publicUrl: deps.config.publicUrl, now }));
  app.use('/api', adminApi(deps));
  app.use('/console', consoleRoutes({ store: deps.store, adminToken: deps.adminToken, logger: deps.logger, config: deps.config, env: deps.env, now }));
  app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not found' }));
  // Bodies that are not JSON or too large get their own answer; anything else is logged (redacted) and hidden.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    // A report link's token is a credential: the path is logged without it.
    if (status >= 500) deps.logger.error({ err: error, route: req.path.replace(/^\/report\/.*/, '/report/:token') }, 'request failed');
    res.status(status).json({ error: status === 413 ? 'body too large' : status < 500 ? 'invalid request body' : 'internal error' });
  });
  return app;
}
