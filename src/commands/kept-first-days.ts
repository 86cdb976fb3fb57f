/**
 * `pulse signals` keeps its first days in the state store, as syncs do (see
 * src/warehouse/aggregate/first-days.ts), under the warehouse it reads, when there is a store: it never
 * creates the embedded one (creating it costs seconds and several hundred MB, more than a small run).
 * The embedded store serves one process at a time: when another pulse process holds it, this run
 * searches the whole history and says so, rather than waiting or failing a read-only command.
 */
import { Option } from 'commander';
import type { PulseConfig } from '../config/config';
import { isPulseError } from '../errors';
import { openStateStore, stateStoreExists, warehouseScope } from '../sync/state';
import type { AggregateOptions } from '../warehouse/aggregate';
import type { Warehouse } from '../warehouse/port';

export const fullOption = () =>
  new Option('--full', 'search every first day (meaningful, target, commitment reached, ROI) over the whole history again, not only the days since the last run');

export async function withKeptFirstDays<T>(
  config: PulseConfig,
  wh: Warehouse,
  full: boolean,
  fn: (firstDays: AggregateOptions['firstDays']) => Promise<T>,
  note: (text: string) => unknown = (text) => process.stderr.write(text),
): Promise<T> {
  if (!stateStoreExists(config.state)) return fn(undefined);
  let store;
  try {
    store = await openStateStore(config.state);
  } catch (error) {
    if (!isPulseError(error) || error.code !== 'STATE_STORE_BUSY') throw error;
    note(`pulse: note: ${error.message}; this run searches first days over the whole history\n`);
    return fn(undefined);
  }
  try {
    return await fn({ keeper: store.firstDays(warehouseScope(wh.displayUrl)), full });
  } finally {
    await store.close();
  }
}
