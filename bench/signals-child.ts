/** One measured run of bench/signals.ts, in its own process so its peak RSS is its own. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openWarehouse } from '../connectors/warehouse';
import { loadConfig } from '../src/commands/config';
import { computeSignalsStream, newTimings } from '../src/pipeline/compute-signals';
import { parseWarehouseUrl } from '../src/config/warehouse-url';

export interface ChildResult {
  accounts: number;
  usageRows: number;
  bareMs: number;
  validationMs: number;
  warehouseMs: number;
  typescriptMs: number;
  peakRssBytes: number;
}

/** The kernel's high-water mark of this process's resident memory: DuckDB's native memory included. */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const [path, asOf] = process.argv.slice(2) as [string, string];
  const wh = await openWarehouse(parseWarehouseUrl(`duckdb:${path}`));
  const [{ n } = { n: 0 }] = (await wh.all('select count(*) as n from usage_daily')) as { n: number }[];
  // Warm the file cache for both measurements alike, then take the best of three bare runs.
  await wh.all('select account_id, sum(cost_usd) from usage_daily group by account_id');
  let bareMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await wh.all('select account_id, sum(cost_usd) as cost from usage_daily group by account_id');
    bareMs = Math.min(bareMs, performance.now() - t);
  }
  const timings = newTimings();
  const { chunks } = await computeSignalsStream(wh, loadConfig({}, '/nonexistent'), { asOf, today: '2099-01-01', timings });
  let accounts = 0;
  // Consume chunk by chunk, as `pulse signals --format json` does: nothing accumulates.
  for await (const chunk of chunks) accounts += chunk.length;
  await wh.close();
  const { validationMs, warehouseMs, typescriptMs } = timings;
  const result: ChildResult = { accounts, usageRows: n, bareMs, validationMs, warehouseMs, typescriptMs, peakRssBytes: peakRss() };
  process.send?.(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
