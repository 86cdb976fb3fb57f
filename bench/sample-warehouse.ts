import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeDuckDb } from '../sample-data';

/** Benchmarks run from dist/bench; their sample warehouses are kept in the checkout's bench/.cache. */
const CACHE = join(__dirname, '..', '..', 'bench', '.cache');

/** The sample warehouse of that size and day, generated on first use and cached for the next runs. */
export async function sampleWarehouse(accounts: number, days: number, asOf: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `sample-${accounts}x${days}-${asOf}.duckdb`);
  if (!existsSync(path)) {
    process.stdout.write(`generating ${accounts} accounts × ${days} days (cached at ${path})… `);
    const summary = await writeDuckDb(path, { accounts, days, seed: 1, asOf });
    process.stdout.write(`${summary.rows.usage_daily.toLocaleString('en-US')} usage rows in ${summary.seconds.toFixed(1)} s\n`);
  }
  return path;
}
