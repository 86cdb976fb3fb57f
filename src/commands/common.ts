import { Option } from 'commander';
import { openWarehouse } from '../../connectors/warehouse';
import type { PulseConfig } from '../config/config';
import { parseWarehouseUrl } from '../config/warehouse-url';
import type { Warehouse } from '../warehouse/port';
import { PulseError } from '../errors';
import { addDays, isValidDay } from '../domain/dates';

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** SIGNALS.md: T defaults to yesterday, UTC. */
export function resolveAsOf(value: string | undefined, today = todayUtc()): string {
  if (value === undefined) return addDays(today, -1);
  if (!isValidDay(value)) throw new PulseError('INPUT_INVALID', `--as-of "${value}" is not a date; expected YYYY-MM-DD`, { place: '--as-of' });
  if (value > today) throw new PulseError('INPUT_INVALID', `--as-of ${value} is in the future (today is ${today}, UTC)`, { place: '--as-of' });
  return value;
}

export const warehouseOption = () => new Option('--warehouse <url>', 'warehouse URL: duckdb:PATH or postgres://... (overrides config)');
export const asOfOption = () => new Option('--as-of <date>', 'compute as of this day, YYYY-MM-DD (default: yesterday, UTC)');

/** The configured warehouse, or the one `--warehouse` names (parsed as config parses `warehouse.url`). */
export function openConfiguredWarehouse(config: PulseConfig, override?: string): Promise<Warehouse> {
  const location = override !== undefined ? parseWarehouseUrl(override, '--warehouse') : config.warehouse.location;
  return openWarehouse(location, { mapping: config.warehouse.models, schema: config.warehouse.schema });
}

/** Runs `fn` with an open warehouse and always closes it. */
export async function withWarehouse<T>(config: PulseConfig, override: string | undefined, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openConfiguredWarehouse(config, override);
  try {
    return await fn(wh);
  } finally {
    await wh.close();
  }
}

export function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new PulseError('INPUT_INVALID', `--format "${value}" is not one of ${allowed.join(', ')}`, { place: '--format' });
  }
  return value as T;
}
