/**
 * `pulse signals` keeps its first days and validation reports in the state store, as syncs do (see
 * KeptFacts in src/pipeline/compute-signals.ts), under the warehouse it reads, when there is a store:
 * it never creates the embedded one (creating it costs seconds and several hundred MB, more than a
 * small run). The embedded store serves one process at a time: when another pulse process holds it,
 * this run validates every row and searches the whole history, and says so, rather than waiting or
 * failing a read-only command.
 */
import { Option } from 'commander';
import type { PulseConfig } from '../config/config';
import { isPulseError } from '../errors';
import type { KeptFacts } from '../pipeline/compute-signals';
import { openStateStore, stateStoreExists, warehouseScope } from '../sync/state';
import type { Warehouse } from '../warehouse/port';

export const fullOption = () =>
  new Option(
    '--full',
    'validate every row and search every first day (meaningful, target, commitment reached, ROI) over the whole history again, not only what came since the last run',
  );

export async function withKeptFacts<T>(
  config: PulseConfig,
  wh: Warehouse,
  full: boolean,
  fn: (kept: KeptFacts | undefined) => Promise<T>,
  note: (text: string) => unknown = (text) => process.stderr.write(text),
): Promise<T> {
  if (!stateStoreExists(config.state)) return fn(undefined);
  let store;
  try {
    store = await openStateStore(config.state);
  } catch (error) {
    if (!isPulseError(error) || error.code !== 'STATE_STORE_BUSY') throw error;
    note(`pulse: note: ${error.message}; this run validates every row and searches first days over the whole history\n`);
    return fn(undefined);
  }
  try {
    const scope = warehouseScope(wh.displayUrl);
    return await fn({ firstDays: store.firstDays(scope), reports: store.validationReports(scope), full });
  } finally {
    await store.close();
  }
}
