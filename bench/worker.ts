/**
 * `npm run bench:worker -- [--installations 8] [--accounts 1000]`: the same installations synced by 1
 * and by 2 `pulse worker` processes (`--concurrency 1` each) (built CLI, real Redis and PostgreSQL) against fake HubSpot portals
 * with high limits, two installations per portal (`--share-account`), so each portal is shared by both
 * workers. Prints each run's throughput, their ratio, and the peak requests a portal saw in any 10-s
 * window against its limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { enqueueRun, openSyncQueue } from '../jobs/queue';
import { connectPostgres } from '../src/sync/state/pg-client';
import { sqlStateStore } from '../src/sync/state/sql-store';
import { startFakeHubspot, type FakeHubspot } from '../tests/support/fake-hubspot';
import { createTestDatabase, startPostgres } from '../tests/support/postgres-server';
import { startRedis } from '../tests/support/redis';
import { sampleWarehouse } from './sample-warehouse';
import { openDuckDb } from '../connectors/warehouse/duckdb';

const AS_OF = '2025-06-30';
const CLI = join(__dirname, '..', 'src', 'cli.js');
const WINDOW_MS = 10_000;
const PORTAL_LIMIT = 400;

function args(argv: readonly string[]): { installations: number; accounts: number } {
  const parsed = { installations: 8, accounts: 1000 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if ((argv[i] !== '--installations' && argv[i] !== '--accounts') || !Number.isInteger(value) || value < 2) {
      throw new Error('usage: bench:worker -- [--installations N (even, ≥ 2)] [--accounts N]');
    }
    if (argv[i] === '--installations') parsed.installations = value;
    else parsed.accounts = value;
  }
  return parsed;
}

function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // One run at a time per process: the comparison is of processes, not of runs interleaved in one.
    const child = spawn(process.execPath, [CLI, 'worker', '--concurrency', '1'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });
}

/** The most requests a portal admitted in any window of WINDOW_MS. */
function peakInWindow(arrivals: readonly number[]): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < arrivals.length; end++) {
    while ((arrivals[end] as number) - (arrivals[start] as number) >= WINDOW_MS) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function round(workers: number, setup: { pgUrl: string; redisUrl: string; warehouse: string; accountIds: string[]; installations: number }): Promise<{ seconds: number; peak: number }> {
  const databaseUrl = await createTestDatabase(setup.pgUrl, `bench_worker_${workers}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: setup.redisUrl, PULSE_ENCRYPTION_KEY: 'b'.repeat(64) };
  const redis = new Redis(setup.redisUrl, { maxRetriesPerRequest: null });
  await redis.flushall();
  const portals: FakeHubspot[] = [];
  const children: ChildProcess[] = [];
  const store = sqlStateStore(await connectPostgres(databaseUrl));
  try {
    const names = Array.from({ length: setup.installations }, (_, i) => `bench-${i + 1}`);
    for (let p = 0; p < setup.installations / 2; p++) {
      const portal = await startFakeHubspot({ portalId: 900_000 + p, token: `pat-bench-${p}`, limits: { max: PORTAL_LIMIT, windowMs: WINDOW_MS } });
      portals.push(portal);
      portal.store.seedCompaniesFor(setup.accountIds);
      for (const name of names.slice(p * 2, p * 2 + 2)) {
        const added = await cli(['installations', 'add', name, '--crm', 'hubspot', '--warehouse', setup.warehouse, '--share-account'], { ...env, HUBSPOT_ACCESS_TOKEN: portal.token, HUBSPOT_BASE_URL: portal.baseUrl });
        if (added.code !== 0) throw new Error(`installations add ${name}: ${added.stderr}`);
      }
    }
    for (let w = 0; w < workers; w++) children.push(await startWorker(env));
    const queue = openSyncQueue(redis);
    const started = Date.now();
    for (const name of names) await enqueueRun(queue, { installation: name, asOf: AS_OF });
    const finished = async (name: string) => {
      const found = await store.findInstallationByName(name);
      return found !== null && (await store.listRuns(5, { installationId: found.id })).some((run) => run.status === 'succeeded');
    };
    for (const name of names) {
      while (!(await finished(name))) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    await queue.close();
    return { seconds, peak: Math.max(...portals.map((portal) => peakInWindow(portal.stats.admittedAt))) };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    for (const portal of portals) await portal.close();
    await store.close();
    await redis.quit();
  }
}

async function main(): Promise<void> {
  const { installations, accounts } = args(process.argv.slice(2));
  if (installations % 2 !== 0) throw new Error('--installations must be even: two per portal');
  const path = await sampleWarehouse(accounts, 120, AS_OF);
  const wh = await openDuckDb({ path, displayUrl: path });
  const accountIds = (await wh.all('select account_id from accounts order by account_id')).map((row) => String(row.account_id));
  await wh.close();
  const pg = await startPostgres();
  const redis = await startRedis();
  try {
    const setup = { pgUrl: pg.url, redisUrl: redis.url, warehouse: `duckdb:${path}`, accountIds, installations };
    console.log(`Worker bench: ${installations} installations of ${accounts} accounts, two per fake HubSpot portal (limit ${PORTAL_LIMIT} requests / 10 s), as of ${AS_OF}`);
    const one = await round(1, setup);
    console.log(`1 worker:  ${installations} runs in ${one.seconds.toFixed(1)} s = ${((installations * accounts) / one.seconds).toFixed(0)} accounts/s; peak per portal ${one.peak} / ${PORTAL_LIMIT} in any 10 s`);
    const two = await round(2, setup);
    console.log(`2 workers: ${installations} runs in ${two.seconds.toFixed(1)} s = ${((installations * accounts) / two.seconds).toFixed(0)} accounts/s; peak per portal ${two.peak} / ${PORTAL_LIMIT} in any 10 s`);
    console.log(`throughput ratio (2 workers / 1): ${(one.seconds / two.seconds).toFixed(2)}`);
  } finally {
    await redis.stop();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
