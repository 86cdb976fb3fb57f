/**
 * One dry-run sync of bench/signals.ts, in its own process, split into where its time went: the
 * signals (validation, warehouse, TypeScript: the job's own timings), the plan's reads of the state
 * store, what the run records in it, and the rest (planning in TypeScript, the dry-run CRM). Runs the
 * same composition `pulse sync --crm dry-run` does (withSyncDeps + syncInstallation).
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/commands/config';
import { withSyncDeps } from '../src/commands/sync-deps';
import { newTimings } from '../src/pipeline/compute-signals';
import { openStateStore, type StateStore } from '../src/sync/state';
import { syncInstallation } from '../src/sync/sync-installation';

export interface SyncSplit {
  wallMs: number;
  signalsMs: number;
  planReadsMs: number;
  recordMs: number;
  accounts: number;
}

/** Each async method of `target` adds its time to `spent[bucket(name)]`. */
function timed<T extends object>(target: T, bucket: (name: string) => keyof typeof spent, spent: { plan: number; record: number }): T {
  return new Proxy(target, {
    get(obj, name, receiver) {
      const value = Reflect.get(obj, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
        } finally {
          spent[bucket(name)] += performance.now() - started;
        }
      };
    },
  });
}
const spent = { plan: 0, record: 0 };

async function main(): Promise<void> {
  const [path, asOf, stateDir] = process.argv.slice(2) as [string, string, string];
  const started = performance.now();
  const config = loadConfig({ ...process.env, PULSE_STATE_DIR: stateDir }, process.cwd());
  const opened = await openStateStore(config.state);
  const store: StateStore = new Proxy(opened, {
    get(obj, name, receiver) {
      const value = Reflect.get(obj, name, receiver) as unknown;
      if (name !== 'startRun') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
      return async (...args: Parameters<StateStore['startRun']>) => {
        const t = performance.now();
        const recorder = await obj.startRun(...args);
        spent.record += performance.now() - t;
        // loadChunk is the plan's read; every other call records the run.
        return timed(recorder, (method) => (method === 'loadChunk' ? 'plan' : 'record'), spent);
      };
    },
  });
  const timings = newTimings();
  let accounts = 0;
  await withSyncDeps('sync', 'dry-run', config, { warehouse: `duckdb:${path}`, asOf, store, logger: { info: () => undefined, warn: () => undefined } }, async ({ deps, installation }) => {
    const result = await syncInstallation(deps, { installation, asOf, now: new Date().toISOString(), mode: 'sync', timings });
    if (result.mode === 'sync') accounts = result.counts.accounts_read;
  });
  await opened.close();
  const split: SyncSplit = {
    wallMs: performance.now() - started,
    signalsMs: timings.validationMs + timings.warehouseMs + timings.typescriptMs,
    planReadsMs: spent.plan,
    recordMs: spent.record,
    accounts,
  };
  process.stdout.write(`${JSON.stringify(split)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
