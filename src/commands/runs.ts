import { Command } from 'commander';
import { loadConfig } from './config';
import { PulseError } from '../errors';
import { installationOption, parseFormat } from './common';
import { noSuchInstallation } from './installation-config';
import { DEFAULT_GROUP_LIMIT, renderRun, renderRuns, runsToJson } from '../sync/render-runs';
import { openStateStoreReadOnly, type StateStore } from '../sync/state';

/** Reading the history writes nothing: the store is opened read-only, and absent means no runs yet. */
async function withStore<T>(fn: (store: StateStore | null) => Promise<T>): Promise<T> {
  const store = await openStateStoreReadOnly(loadConfig().state);
  try {
    return await fn(store);
  } finally {
    await store?.close();
  }
}

/** `--installation NAME`: only that installation's runs. It must exist: a removed one's runs are still listed by `pulse runs`. */
async function installationIdOf(store: StateStore | null, name: string | undefined): Promise<number | undefined> {
  if (name === undefined) return undefined;
  const installation = store === null ? null : await store.findInstallationByName(name);
  if (installation === null) throw noSuchInstallation(name);
  return installation.id;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new PulseError('INPUT_INVALID', `--limit "${value}" is not a positive whole number`, { place: '--limit' });
  return n;
}

export function runsCommand(): Command {
  const runs = new Command('runs')
    .description('sync run history: start, duration, accounts read, changed, written, unchanged, rejected, unmatched, API calls')
    // `runs show` has a --limit of its own: this one only counts before the subcommand.
    .enablePositionalOptions()
    .option('--limit <n>', 'how many runs, newest first', '20')
    .option('--format <format>', 'table or json', 'table')
    .addOption(installationOption())
    .addHelpText('after', '\nExamples:\n  pulse runs\n  pulse runs --format json --limit 5\n  pulse runs --installation acme\n  pulse runs show 12')
    .action((options: { limit: string; format: string; installation?: string }) =>
      withStore(async (store) => {
        const format = parseFormat(options.format, ['table', 'json'] as const);
        const limit = parseLimit(options.limit);
        const installationId = await installationIdOf(store, options.installation);
        const runs = store === null ? [] : await store.listRuns(limit, { installationId });
        process.stdout.write(`${format === 'json' ? runsToJson(runs) : renderRuns(runs)}\n`);
      }),
    );
  runs
    .command('show')
    .argument('<id>', 'run id (from pulse runs)')
    .description("one run's counts and its rejected rows and records, grouped by reason, root causes first")
    .option('--limit <n>', `lines per group (default ${DEFAULT_GROUP_LIMIT})`)
    .option('--all', 'every line of every group')
    .addHelpText(
      'after',
      '\nWarehouse rows come first: rejected accounts rows (those accounts are left out of signals), the other\n' +
        "models' rejected rows by reason, then the rows rejected only because their accounts row was (one line per\n" +
        "account); then what the CRM refused. A NULL key part prints as (null).\n\n" +
        'Examples:\n  pulse runs show 12\n  pulse runs show 12 --all',
    )
    .action((id: string, options: { limit?: string; all?: boolean }) =>
      withStore(async (store) => {
        if (options.all === true && options.limit !== undefined) {
          throw new PulseError('INPUT_INVALID', '--all and --limit contradict each other: pass one', { place: 'pulse runs show' });
        }
        const limit = options.all === true ? null : options.limit === undefined ? DEFAULT_GROUP_LIMIT : parseLimit(options.limit);
        const runId = Number(id);
        const run = store && Number.isInteger(runId) ? await store.getRun(runId) : null;
        if (store === null || run === null) throw new PulseError('INPUT_INVALID', `no run ${id}`, { place: 'pulse runs show', hint: 'pulse runs lists the runs' });
        process.stdout.write(`${renderRun(run, await store.runRejections(runId), { limit })}\n`);
      }),
    );
  return runs;
}
