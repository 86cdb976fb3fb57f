/** `pulse enqueue NAME [--as-of DATE]`: queues one run of an installation now, for the workers. */
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { enqueueRun, openSyncQueue } from '../../jobs/queue';
import type { PulseConfig } from '../config/config';
import { isPulseError, PulseError } from '../errors';
import { openStateStoreReadOnly, type StateStore } from '../sync/state';
import { asOfOption, resolveAsOf } from './common';
import { loadConfig } from './config';
import { noSuchInstallation } from './installation-config';
import { requireRedisUrl } from './worker';

/**
 * An unknown name is refused here rather than failing in a worker. With the embedded store a running
 * worker holds it: the name is then checked by the worker, which fails an unknown one at once.
 */
async function refuseUnknown(config: PulseConfig, name: string): Promise<void> {
  let store: StateStore | null;
  try {
    store = await openStateStoreReadOnly(config.state);
  } catch (error) {
    if (isPulseError(error) && error.code === 'STATE_STORE_BUSY') {
      process.stderr.write(`pulse: the embedded state store is held by the worker; "${name}" is checked when the run starts\n`);
      return;
    }
    throw error;
  }
  try {
    if (store === null || (await store.findInstallationByName(name)) === null) throw noSuchInstallation(name);
  } finally {
    await store?.close();
  }
}

export function enqueueCommand(): Command {
  return new Command('enqueue')
    .description("queue one sync of an installation now (the workers run it); the same installation and day queued twice is one run")
    .argument('<name>', 'the installation (pulse installations list)')
    .addOption(asOfOption())
    .addHelpText('after', '\nExamples:\n  pulse enqueue acme\n  pulse enqueue acme --as-of 2026-11-24')
    .action(async (name: string, options: { asOf?: string }) => {
      const config = loadConfig();
      const url = requireRedisUrl(config.redisUrl, 'pulse enqueue');
      const asOf = resolveAsOf(options.asOf);
      await refuseUnknown(config, name);
      const connection = new Redis(url, { maxRetriesPerRequest: null });
      const queue = openSyncQueue(connection);
      try {
        const { id, added } = await enqueueRun(queue, { installation: name, asOf });
        process.stdout.write(added ? `queued ${id}\n` : `${id} is already queued or running\n`);
      } catch (error) {
        throw new PulseError('INPUT_INVALID', `cannot queue ${name}: ${error instanceof Error ? error.message : String(error)}`, { place: 'REDIS_URL', cause: error });
      } finally {
        await queue.close();
        await connection.quit();
      }
    });
}
