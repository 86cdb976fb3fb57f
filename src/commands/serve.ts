/**
 * `pulse serve` (the Procfile's web): the web process on PORT: OAuth installs, HubSpot's webhooks,
 * the admin API, and the ops endpoints. With REDIS_URL its /metrics also carries the worker's metric
 * families (the queue's depth read when scraped; run counters are the worker process's own).
 */
import { once } from 'node:events';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { createWorkerMetrics } from '../../jobs/metrics';
import { openSyncQueue } from '../../jobs/queue';
import { createApp } from '../server/app';
import { createLogger } from '../server/logger';
import { openStateStore } from '../sync/state';
import { loadConfig } from './config';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the web process on PORT: OAuth installs, HubSpot webhooks, the admin API, health, readiness and Prometheus metrics')
    .addHelpText('after', '\nExamples:\n  PORT=3000 PULSE_ADMIN_TOKEN=… DATABASE_URL=postgres://… pulse serve')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const store = await openStateStore(config.state);
      const redis = config.redisUrl === undefined ? null : new Redis(config.redisUrl, { maxRetriesPerRequest: null });
      const queue = redis === null ? null : openSyncQueue(redis);
      const registry = queue === null ? new Registry() : Registry.merge([new Registry(), createWorkerMetrics(queue).registry]);
      const app = createApp({ store, queue, redis, adminToken: config.adminToken, logger, registry, config, env: process.env });
      const server = app.listen(config.port);
      await once(server, 'listening');
      logger.info({ port: config.port }, 'pulse serve listening');
      process.stdout.write(`pulse serve listening on port ${config.port}\n`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      logger.info({ signal }, 'stopping');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue?.close();
      await redis?.quit();
      await store.close();
    });
}
