/**
 * `npm run bench:signals -- --accounts 20000 --days 450 --rounds 3`
 *
 * Everything runs as its own process, interleaved round by round, on the cached sample warehouse of
 * each size (bench/.cache), as of its last day T (the day before is T − 1):
 *   - the hand-written model (bench/model-sql.ts), one DuckDB statement, DuckDB's default settings;
 *   - `pulse signals --as-of T --full` (every first day searched over the whole history);
 *   - `pulse signals --as-of T` after `pulse signals --as-of T−1` (first days kept, only T searched);
 *   - a dry-run sync as of T−1 into an empty state store, then one as of T (bench/sync-child.ts, the
 *     same composition as `pulse sync --crm dry-run`), each split into signals, plan reads and record;
 * and prints medians, their ratios, peak RSS (VmHWM, native memory included), and whether the kept
 * run's output equals the full run's on every field of every account. The small size (a quarter of
 * --accounts) is run once for the RSS growth ratio.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/domain/dates';
import { openStateStore } from '../src/sync/state';
import { sampleWarehouse } from './sample-warehouse';
import type { SyncSplit } from './sync-child';

const AS_OF = '2025-06-30';
const CLI = join(__dirname, '..', 'src', 'cli.js');
const PRELOAD = join(__dirname, 'peak-rss.js');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

interface Measured {
  ms: number;
  peakRss: number;
  stdout: string;
}

/** Runs `node ...args` with peak-rss.js preloaded, and measures its wall time, peak RSS (its own or a child's) and output. */
function measure(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  const scratch = mkdtempSync(join(tmpdir(), 'pulse-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Through NODE_OPTIONS, so a process the measured one starts (the embedded store's initdb) is measured too.
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env, NODE_OPTIONS: `--require ${PRELOAD}`, PULSE_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code}`));
      const peakRss = Number(readFileSync(rssFile, 'utf8'));
      rmSync(scratch, { recursive: true, force: true });
      resolve({ ms, peakRss, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

const signals = (warehouse: string, asOf: string, stateDir: string, full: boolean) =>
  measure([CLI, 'signals', '--warehouse', `duckdb:${warehouse}`, '--as-of', asOf, '--format', 'json', ...(full ? ['--full'] : [])], { PULSE_STATE_DIR: stateDir });

async function syncSplit(warehouse: string, asOf: string, stateDir: string): Promise<SyncSplit & { peakRss: number }> {
  const run = await measure([join(__dirname, 'sync-child.js'), warehouse, asOf, stateDir]);
  return { ...(JSON.parse(run.stdout) as SyncSplit), peakRss: run.peakRss };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

interface Round {
  model: number;
  full: Measured;
  kept: Measured;
  firstSync: SyncSplit & { peakRss: number };
  nextSync: SyncSplit & { peakRss: number };
  equal: boolean;
}

async function round(warehouse: string): Promise<Round> {
  const dayBefore = addDays(AS_OF, -1);
  const model = JSON.parse((await measure([join(__dirname, 'model-child.js'), warehouse, AS_OF])).stdout) as { ms: number };
  const signalsState = mkdtempSync(join(tmpdir(), 'pulse-bench-signals-'));
  // pulse signals keeps first days in a store that exists (a synced installation's); it never creates one.
  await (await openStateStore({ dir: signalsState })).close();
  const syncState = mkdtempSync(join(tmpdir(), 'pulse-bench-sync-'));
  try {
    const full = await signals(warehouse, AS_OF, signalsState, true);
    await signals(warehouse, dayBefore, signalsState, false);
    const kept = await signals(warehouse, AS_OF, signalsState, false);
    const firstSync = await syncSplit(warehouse, dayBefore, syncState);
    const nextSync = await syncSplit(warehouse, AS_OF, syncState);
    return { model: model.ms, full, kept, firstSync, nextSync, equal: full.stdout === kept.stdout && full.stdout.length > 2 };
  } finally {
    rmSync(signalsState, { recursive: true, force: true });
    rmSync(syncState, { recursive: true, force: true });
  }
}

function splitLine(name: string, runs: (SyncSplit & { peakRss: number })[]): string {
  const m = (f: (r: SyncSplit) => number) => median(runs.map(f));
  const rest = m((r) => r.wallMs - r.signalsMs - r.planReadsMs - r.recordMs);
  return `${name}: ${s(m((r) => r.wallMs))} = signals ${s(m((r) => r.signalsMs))} + plan (store reads) ${s(m((r) => r.planReadsMs))} + record ${s(m((r) => r.recordMs))} + the rest (planning, dry-run CRM, opening) ${s(rest)}; peak RSS ${mb(Math.max(...runs.map((r) => r.peakRss)))}`;
}

async function main(): Promise<void> {
  const accounts = arg('accounts', 20000);
  const days = arg('days', 450);
  const rounds = arg('rounds', 3);
  const small = Math.max(1, Math.round(accounts / 4));
  const smallPath = await sampleWarehouse(small, days, AS_OF);
  const largePath = await sampleWarehouse(accounts, days, AS_OF);
  // Like the large runs: a store to keep first days in, every first day searched.
  const smallState = mkdtempSync(join(tmpdir(), 'pulse-bench-small-'));
  await (await openStateStore({ dir: smallState })).close();
  const smallRun = await signals(smallPath, AS_OF, smallState, true);
  rmSync(smallState, { recursive: true, force: true });
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    results.push(await round(largePath));
    process.stdout.write(`round ${i + 1} of ${rounds} done\n`);
  }
  const model = median(results.map((r) => r.model));
  const full = median(results.map((r) => r.full.ms));
  const kept = median(results.map((r) => r.kept.ms));
  const first = median(results.map((r) => r.firstSync.wallMs));
  const next = median(results.map((r) => r.nextSync.wallMs));
  const nextRecordPlan = median(results.map((r) => r.nextSync.planReadsMs + r.nextSync.recordMs));
  const firstRecordPlan = median(results.map((r) => r.firstSync.planReadsMs + r.firstSync.recordMs));
  const firstSignals = median(results.map((r) => r.firstSync.signalsMs));
  const peak = Math.max(...results.flatMap((r) => [r.full.peakRss, r.kept.peakRss, r.firstSync.peakRss, r.nextSync.peakRss]));
  const growth = Math.max(...results.map((r) => r.full.peakRss)) / smallRun.peakRss;
  const equal = results.every((r) => r.equal);
  process.stdout.write(
    [
      '',
      `${accounts.toLocaleString('en-US')} accounts × ${days} days, as of ${AS_OF}, medians of ${rounds} interleaved rounds (each a process)`,
      `hand-written model (one DuckDB statement, bench/model-sql.ts): ${s(model)}`,
      `pulse signals --full (whole history searched):                 ${s(full)} = ${(full / model).toFixed(2)} × the model`,
      `pulse signals, first days kept from the day before:            ${s(kept)} = ${(kept / model).toFixed(2)} × the model`,
      splitLine('dry-run sync as of T−1 (first sync, empty store)', results.map((r) => r.firstSync)),
      splitLine('dry-run sync as of T (the next day)             ', results.map((r) => r.nextSync)),
      `peak RSS ${mb(peak)}; pulse signals at ${accounts} ${mb(Math.max(...results.map((r) => r.full.peakRss)))} vs at ${small} ${mb(smallRun.peakRss)} = ${growth.toFixed(2)}×`,
      `kept-days output equals the full recompute on every field of every account: ${equal ? 'yes' : 'NO'}`,
      '',
      `target: pulse signals (kept days) ≤ 1.5 × the model: ${(kept / model).toFixed(2)} ${met(kept / model <= 1.5)}`,
      `target: next-day sync ≤ 0.3 × the first sync: ${(next / first).toFixed(2)} ${met(next / first <= 0.3 && equal)}`,
      `target: plan + record of the first sync ≤ its signals: ${s(firstRecordPlan)} vs ${s(firstSignals)} ${met(firstRecordPlan <= firstSignals)} (next day: ${s(nextRecordPlan)})`,
      `target: peak RSS < 1 GB: ${mb(peak)} ${met(peak < 1024 ** 3)}`,
      `target: peak RSS growth ${small} → ${accounts} ≤ 1.5×: ${growth.toFixed(2)} ${met(growth <= 1.5)}`,
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
