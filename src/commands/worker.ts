/**
 * `pulse worker` (the Procfile's worker): syncs every active installation on its schedule, and the runs
 * `pulse enqueue` queues, from the queue in Redis; several workers on the same Redis and PostgreSQL
 * share the work and each CRM account's rate budget. SIGTERM (or Ctrl-C) stops taking jobs, lets the
 * syncs in hand finish their current write unit, records them interrupted, and exits; another worker
 * finishes them.
 */
import { Command, InvalidArgumentError } from 'commander';
import { Redis } from 'ioredis';
import { openWorkerServices } from '../../jobs/services';
import { startWorker } from '../../jobs/worker';
import { PulseError } from '../errors';
import { loadConfig } from './config';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

export function requireRedisUrl(redisUrl: string | undefined, command: string): string {
  if (redisUrl === undefined) {
    throw new PulseError('CONFIG_INVALID', `${command} needs REDIS_URL, the queue the worker takes its runs from`, { place: 'REDIS_URL', hint: 'export REDIS_URL=redis://127.0.0.1:6379' });
  }
  return redisUrl;
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('run the worker: syncs each installation on its schedule from the queue in Redis (REDIS_URL)')
    .option('--concurrency <n>', 'installations this process syncs at once', positiveInt, 2)
    .option('--lock-duration-ms <ms>', "how long a job stays with a worker that stopped answering (BullMQ's lock) before another takes it", positiveInt, 30_000)
    .addHelpText('after', '\nExamples:\n  REDIS_URL=redis://127.0.0.1:6379 DATABASE_URL=postgres://... pulse worker\n  pulse worker --concurrency 4')
    .action(async (options: { concurrency: number; lockDurationMs: number }) => {
      const config = loadConfig();
      const url = requireRedisUrl(config.redisUrl, 'pulse worker');
      // BullMQ's blocking reads need the client to wait for Redis instead of failing a command.
      const connection = new Redis(url, { maxRetriesPerRequest: null });
      const limits = new Redis(url);
      const quitRedis = () => Promise.all([connection.quit(), limits.quit()]);
      let services: Awaited<ReturnType<typeof openWorkerServices>>;
      let running: Awaited<ReturnType<typeof startWorker>>;
      try {
        services = await openWorkerServices(config, process.env, limits, { info: log, warn: log });
      } catch (error) {
        // Open connections would keep the process alive after the error is printed (a second worker on the embedded store).
        await quitRedis();
        throw error;
      }
      try {
        running = await startWorker(services, { connection, concurrency: options.concurrency, lockDurationMs: options.lockDurationMs, metricsPort: config.metricsPort, log });
      } catch (error) {
        await services.close();
        await quitRedis();
        throw error;
      }
      log(`worker ready: concurrency ${options.concurrency}${running.metricsPort === undefined ? '' : `, metrics on port ${running.metricsPort}`}`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      log(`${signal}: finishing the write units in hand, then stopping`);
      await running.close();
      await services.close();
      await quitRedis();
      log('worker stopped');
    });
}
