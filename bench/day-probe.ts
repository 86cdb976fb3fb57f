/**
 * Scratch probe (not part of the product): times the aggregate statements on a cached bench warehouse
 * and fingerprints their output, so a rewrite can be checked for identical results.
 *   npx tsc -p tsconfig.build.json && node dist/bench/day-probe.js <warehouse.duckdb> <asOf> [ranges] [profile]
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openWarehouse } from '../connectors/warehouse';
import { aggregateQuery, peerPrepass } from '../src/warehouse/aggregate';
import { cleanModelCtes, validateWarehouse } from '../src/warehouse/validation';
import { loadConfig } from '../src/commands/config';
import { thresholdsFor } from '../src/config/thresholds';
import { parseWarehouseUrl } from '../src/config/warehouse-url';

async function main(): Promise<void> {
  const [path, asOf, rangesArg, profile] = process.argv.slice(2) as [string, string, string?, string?];
  const wh = await openWarehouse(parseWarehouseUrl(`duckdb:${path}`));
  const report = await validateWarehouse(wh, { today: '2099-01-01' });
  const { sql: ctes, present } = await cleanModelCtes(wh, report);
  const tv = thresholdsFor(null, loadConfig({}, '/nonexistent').thresholds).time_to_value;
  const opts = { ctes, present, asOf, meaningful: { default: { units_min: tv.meaningful_units_min, target_share: tv.meaningful_target_share }, segments: {} } };
  const pre = peerPrepass(opts);
  const peers = await wh.all(pre.sql, pre.params);
  const n = Number(rangesArg ?? 3);
  const hash = createHash('sha256');
  let ms = 0;
  for (let i = 0; i < n; i++) {
    const lo = peers[i * 1000]?.account_id;
    const hi = peers[Math.min((i + 1) * 1000, peers.length) - 1]?.account_id;
    if (lo === undefined) break;
    const q = aggregateQuery(opts, lo, hi);
    if (profile && i === 0) writeFileSync('/tmp/probe/q.sql', q.sql + '\n-- ' + JSON.stringify(q.params));
    const t = performance.now();
    const rows = await wh.all(q.sql, q.params);
    ms += performance.now() - t;
    for (const r of rows) hash.update(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  }
  process.stdout.write(`${n} statements: ${(ms / 1000).toFixed(2)} s, ${(ms / n / 1000).toFixed(3)} s each, output ${hash.digest('hex').slice(0, 16)}\n`);
  await wh.close();
}
main().catch((e: unknown) => { process.stderr.write(`${String((e as Error).stack)}\n`); process.exitCode = 1; });
