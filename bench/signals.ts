/**
 * `npm run bench:signals -- --accounts 20000 --days 450`
 *
 * Generates the sample warehouse once per size (cached in bench/.cache), then runs one child process
 * per size (so each peak RSS is its own) that, in the same run, times
 *   - the bare DuckDB aggregation `select account_id, sum(cost_usd) from usage_daily group by account_id`,
 *   - the whole signal computation: row validation, the SQL pushdown, the TypeScript signal functions,
 * and prints accounts/second, where the time goes, peak RSS and the ratios the targets are stated in.
 * The small size (a quarter of --accounts, 5,000 for the default run) is there for the RSS ratio.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { sampleWarehouse } from './sample-warehouse';
import type { ChildResult } from './signals-child';

const AS_OF = '2025-06-30';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const warehouseFor = (accounts: number, days: number) => sampleWarehouse(accounts, days, AS_OF);

function runChild(path: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'signals-child.js'), [path, AS_OF], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as ChildResult));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`benchmark child exited with ${code}`))));
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function describe(r: ChildResult): string {
  const total = r.validationMs + r.warehouseMs + r.typescriptMs;
  return [
    `accounts ${r.accounts.toLocaleString('en-US')}, usage rows ${r.usageRows.toLocaleString('en-US')}`,
    `  bare aggregation (sum(cost_usd) group by account_id): ${s(r.bareMs)}`,
    `  signal computation: ${s(total)} = validation ${s(r.validationMs)} + warehouse aggregates ${s(r.warehouseMs)} + TypeScript ${s(r.typescriptMs)}`,
    `  accounts/second: ${Math.round(r.accounts / (total / 1000)).toLocaleString('en-US')}`,
    `  ratio signal computation / bare aggregation: ${(total / r.bareMs).toFixed(2)} (without validation: ${((r.warehouseMs + r.typescriptMs) / r.bareMs).toFixed(2)})`,
    `  peak RSS: ${mb(r.peakRssBytes)}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const accounts = arg('accounts', 20000);
  const days = arg('days', 450);
  const small = Math.max(1, Math.round(accounts / 4));
  const smallPath = await warehouseFor(small, days);
  const largePath = await warehouseFor(accounts, days);
  const a = await runChild(smallPath);
  const b = await runChild(largePath);
  process.stdout.write(`\n${describe(a)}\n\n${describe(b)}\n\n`);
  const ratio = (b.validationMs + b.warehouseMs + b.typescriptMs) / b.bareMs;
  const rss = b.peakRssBytes / a.peakRssBytes;
  process.stdout.write(
    [
      `target: signal computation / bare aggregation ≤ 3 at ${accounts}: ${ratio.toFixed(2)} ${ratio <= 3 ? 'MET' : 'NOT MET'}`,
      `target: peak RSS < 1 GB at ${accounts}: ${mb(b.peakRssBytes)} ${b.peakRssBytes < 1024 ** 3 ? 'MET' : 'NOT MET'}`,
      `target: peak RSS at ${accounts} ≤ 1.5 × at ${small}: ${rss.toFixed(2)} ${rss <= 1.5 ? 'MET' : 'NOT MET'}`,
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
