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
/** `--installation NAME` of crm setup, plan, sync and runs: a named installation's credentials, warehouse and config. */
export const installationOption = () => new Option('--installation <name>', "a named installation (pulse installations list): its CRM, credentials, warehouse and config file");
export const asOfOption = () => new Option('--as-of <date>', 'compute as of this day, YYYY-MM-DD (default: yesterday, UTC)');

/** The configured warehouse, or the one `--warehouse` names (parsed as config parses `warehouse.url`). */
export function openConfiguredWarehouse(config: PulseConfig, override?: string): Promise<Warehouse> {
  const location = override !== undefined ? parseWarehouseUrl(override, '--warehouse') : config.warehouse.location;
  return openWarehouse(location, { mapping: config.warehouse.models, schema: config.warehouse.schema });
}

/** The first and last day of `usage_daily`, or null when it holds no row with a calendar day. */
export async function usageDayRange(wh: Warehouse): Promise<{ first: string; last: string } | null> {
  const source = await wh.modelSource('usage_daily');
  if (source === null) return null;
  // A date column's min and max come from the engine's statistics in milliseconds; a mapped query may
  // hand `day` over as text, compared as text then (YYYY-MM-DD sorts as the days do), which reads every row.
  const types = await wh.columnTypes(source);
  const day = /^date$/i.test(types.day ?? '') ? 'day' : 'cast(day as varchar)';
  const [row] = await wh.all(`select min(${day}) as first_day, max(${day}) as last_day from ${source} as pulse_src`);
  const first = String(row?.first_day ?? '').slice(0, 10);
  const last = String(row?.last_day ?? '').slice(0, 10);
  // Rows that are not days are validation's to report, with their keys; the warning needs two real days.
  return isValidDay(first) && isValidDay(last) ? { first, last } : null;
}

/**
 * Says on stderr when `asOf` lies outside the warehouse's usage: the run still goes on (an as-of
 * after the last load is a legitimate question), but its signals would read as a sudden stop or no
 * history at all, and the admin should know why before believing them.
 */
export async function warnIfAsOfOutsideUsage(wh: Warehouse, asOf: string, write: (text: string) => unknown = (t) => process.stderr.write(t)): Promise<void> {
  const range = await usageDayRange(wh);
  if (range === null) return;
  if (asOf < range.first) {
    write(
      `pulse: warning: --as-of ${asOf} is before the warehouse's first day of usage (${range.first}): ` +
        `there is no usage up to that day, so every account looks inactive (usage_daily covers ${range.first} to ${range.last})\n`,
    );
  } else if (asOf > range.last) {
    write(
      `pulse: warning: --as-of ${asOf} is after the warehouse's last day of usage (${range.last}): ` +
        `the days after it count as no usage, so spend and trends look like a drop (usage_daily covers ${range.first} to ${range.last})\n`,
    );
  }
}

/**
 * Runs `fn` with an open warehouse and always closes it; with `asOf`, first warns when that day lies
 * outside the warehouse's usage (see `warnIfAsOfOutsideUsage`).
 */
export async function withWarehouse<T>(
  config: PulseConfig,
  override: string | undefined,
  fn: (wh: Warehouse) => Promise<T>,
  options: { asOf?: string } = {},
): Promise<T> {
  const wh = await openConfiguredWarehouse(config, override);
  try {
    if (options.asOf !== undefined) await warnIfAsOfOutsideUsage(wh, options.asOf);
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
