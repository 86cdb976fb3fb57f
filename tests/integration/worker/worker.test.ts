/**
 * `pulse worker` as real processes on real Redis and PostgreSQL, against fake HubSpot portals: each
 * installation's data and credentials go to its own portal; a worker killed with SIGKILL or stopped
 * with SIGTERM mid-run leaves its run to another that finishes it exactly; a revoked token stops that
 * installation only.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, runCliProcess, spawnTs, waitForLine } from '../../support/child-process';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import { writeDuckDb } from '../../../sample-data';
import { startRedis, type RunningRedis } from '../../support/redis';
import { testDatabaseUrl } from '../../support/test-database';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import { sqlStateStore } from '../../../src/sync/state/sql-store';
import type { RunSummary, StateStore } from '../../../src/sync/state';

const AS_OF = '2024-02-20';
const KEY = 'f'.repeat(64);
const PROCESS_TEST_MS = 300_000;
/** Schedules that never fire while a test runs: every run here is one the test queued. */
const NOT_DURING_TESTS = ['--schedule', '0 0 1 1 *'];
const ACCOUNTS = Array.from({ length: 24 }, (_, i) => `acct-${String(i).padStart(4, '0')}`);

describe('pulse worker on Redis and PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-worker-'));
  let redis: RunningRedis;
  let warehouse = '';
  /** A warehouse large enough for several write units (HubSpot's are 400 companies), so a stop lands between two. */
  let large = { url: '', accounts: [] as string[] };
  let env: Record<string, string> = {};
  let store: StateStore;
  const portals: FakeHubspot[] = [];
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
    const largePath = join(dir, 'large.duckdb');
    await writeDuckDb(largePath, { accounts: 1200, days: 120, seed: 3, asOf: AS_OF });
    const db = await openDuckDb({ path: largePath, displayUrl: largePath });
    large = { url: `duckdb:${largePath}`, accounts: (await db.all('select account_id from accounts order by account_id')).map((row) => String(row.account_id)) };
    await db.close();
    env = { REDIS_URL: redis.url, DATABASE_URL: await testDatabaseUrl('worker'), PULSE_ENCRYPTION_KEY: KEY };
    store = sqlStateStore(await connectPostgres(env.DATABASE_URL as string));
  }, PROCESS_TEST_MS);

  afterEach(async () => {
    for (const worker of workers.splice(0)) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  });

  afterAll(async () => {
    await store?.close();
    for (const portal of portals) await portal.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const pulse = (args: string[], extra: Record<string, string> = {}) => runCliProcess(args, { cwd: dir, env: { ...env, ...extra } });

  /** A portal holding a company for each warehouse account, and an installation on it. */
  async function installation(name: string, portalId: number, source = { url: warehouse, accounts: ACCOUNTS }): Promise<FakeHubspot> {
    const portal = await startFakeHubspot({ portalId, token: `pat-${name}-secret`, limits: { max: 1000, windowMs: 10_000 } });
    portals.push(portal);
    portal.store.seedCompaniesFor(source.accounts);
    const add = await pulse(['installations', 'add', name, '--crm', 'hubspot', '--warehouse', source.url, ...NOT_DURING_TESTS], { HUBSPOT_ACCESS_TOKEN: portal.token, HUBSPOT_BASE_URL: portal.baseUrl });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    return portal;
  }

  async function startWorker(extra: string[] = [], extraEnv: Record<string, string> = {}): Promise<ChildProcess & { ready: RegExpMatchArray }> {
    const worker = spawnTs('src/cli.ts', ['worker', '--lock-duration-ms', '2000', ...extra], { cwd: dir, env: { ...env, ...extraEnv } });
    workers.push(worker);
    const ready = await waitForLine(worker, /worker ready: concurrency \d+(?:, metrics on port (\d+))?/);
    return Object.assign(worker, { ready });
  }

  async function runsOf(name: string): Promise<RunSummary[]> {
    const found = await store.findInstallationByName(name);
    return found === null ? [] : store.listRuns(50, { installationId: found.id });
  }

  async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** An installation on the large warehouse whose run is under way on one worker; answers are slow, so a stop lands mid-run. */
  async function underWay(name: string, portalId: number): Promise<{ portal: FakeHubspot; worker: ChildProcess }> {
    const portal = await installation(name, portalId, large);
    portal.faults.add({ fault: { kind: 'slow', ms: 400 }, probability: 1 });
    const worker = await startWorker();
    await pulse(['enqueue', name, '--as-of', AS_OF]);
    await until('the first write', async () => ((await runsOf(name))[0]?.status === 'running' && portal.stats.requests > 3 ? true : undefined));
    return { portal, worker };
  }

  const succeeded = (name: string) => until(`a succeeded run of ${name}`, async () => (await runsOf(name)).find((run) => run.status === 'succeeded'));

  /** Every company holds a health score and the sync stamp; no task key twice. */
  function expectPortalSynced(portal: FakeHubspot, accounts = ACCOUNTS): void {
    const companies = [...portal.store.records.companies.values()];
    expect(companies).toHaveLength(accounts.length);
    for (const company of companies) expect(company.properties.pulse_last_synced_at).toEqual(expect.any(String));
    const keys = [...portal.store.records.tasks.values()].map((task) => task.properties.pulse_task_key);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  }

  it('two installations on two portals, two workers: each portal gets its own installation\'s data and token only', async () => {
    const alpha = await installation('alpha', 710001);
    const beta = await installation('beta', 710002);
    await startWorker();
    await startWorker();
    expect((await pulse(['enqueue', 'alpha', '--as-of', AS_OF])).stdout).toMatch(/queued run\.alpha\.2024-02-20/);
    expect((await pulse(['enqueue', 'beta', '--as-of', AS_OF])).code).toBe(0);
    expect((await pulse(['enqueue', 'beta', '--as-of', AS_OF])).stdout).toMatch(/already queued or running|queued/);
    await succeeded('alpha');
    await succeeded('beta');
    expectPortalSynced(alpha);
    expectPortalSynced(beta);
    // A request with the other installation's token would have been refused (401) and failed that run.
    expect(alpha.stats.unauthorized).toBe(0);
    expect(beta.stats.unauthorized).toBe(0);
    expect((await runsOf('alpha')).filter((run) => run.status === 'succeeded')).toHaveLength(1);
  }, PROCESS_TEST_MS);

  it('with the embedded state store, a second worker process says so and exits', async () => {
    const embedded = { REDIS_URL: env.REDIS_URL as string, PULSE_STATE_DIR: join(dir, 'embedded-state'), PULSE_ENCRYPTION_KEY: KEY };
    const first = spawnTs('src/cli.ts', ['worker'], { cwd: dir, env: embedded });
    workers.push(first);
    await waitForLine(first, /worker ready/);
    const second = await runCliProcess(['worker'], { cwd: dir, env: embedded });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by another pulse process \(pid \d+\).*set DATABASE_URL to a PostgreSQL database to run several side by side/);
  }, PROCESS_TEST_MS);

  it('a revoked token stops that installation only: needs_attention with the reason, the others go on', async () => {
    const gamma = await installation('gamma', 710003);
    const delta = await installation('delta', 710004);
    gamma.faults.add({ fault: { kind: 'status', status: 401 }, probability: 1 });
    const measured = await startWorker([], { PULSE_METRICS_PORT: '0' });
    await pulse(['enqueue', 'gamma', '--as-of', AS_OF]);
    await pulse(['enqueue', 'delta', '--as-of', AS_OF]);
    await succeeded('delta');
    const flagged = await until('gamma flagged', async () => {
      const found = await store.findInstallationByName('gamma');
      return found?.status === 'needs_attention' ? found : undefined;
    });
    expect(flagged.statusReason).toMatch(/^CRM_AUTH_FAILED: HubSpot refused/);
    expect(flagged.statusReason).not.toContain('pat-gamma-secret');
    const listed = await pulse(['installations', 'list']);
    expect(listed.stdout).toMatch(/gamma .*needs_attention/);
    expectPortalSynced(delta);
    const metrics = await (await fetch(`http://127.0.0.1:${measured.ready[1]}/metrics`)).text();
    expect(metrics).toMatch(/^pulse_runs_total\{crm="hubspot",status="succeeded"\} 1$/m);
    expect(metrics).toMatch(/^pulse_runs_total\{crm="hubspot",status="needs-attention"\} 1$/m);
    expect(metrics).toMatch(/^pulse_records_written_total\{crm="hubspot"\} 24$/m);
    expect(metrics).toMatch(/^pulse_queue_jobs\{state="failed"\} 1$/m);
    expect(metrics).toMatch(/^pulse_run_duration_seconds_count\{crm="hubspot"\} 2$/m);
  }, PROCESS_TEST_MS);

  it('a worker killed with SIGKILL mid-run: another finishes the run, and the portal holds the plan exactly', async () => {
    const { portal, worker: doomed } = await underWay('epsilon', 710005);
    doomed.kill('SIGKILL');
    await finished(doomed);
    portal.faults.clear();
    await startWorker();
    await succeeded('epsilon');
    const history = await runsOf('epsilon');
    expect(history.map((run) => run.status).sort()).toEqual(['interrupted', 'succeeded']);
    expectPortalSynced(portal, large.accounts);
  }, PROCESS_TEST_MS);

  it('SIGTERM mid-run: the worker records the run interrupted and exits cleanly; the next worker completes it', async () => {
    const { portal, worker: stopping } = await underWay('zeta', 710006);
    stopping.kill('SIGTERM');
    const exit = await finished(stopping);
    expect(exit.code).toBe(0);
    expect(exit.stdout).toMatch(/SIGTERM: finishing the write units in hand/);
    const [interrupted] = await runsOf('zeta');
    expect(interrupted).toMatchObject({ status: 'interrupted', error_code: 'INTERRUPTED' });
    portal.faults.clear();
    await startWorker();
    await succeeded('zeta');
    expectPortalSynced(portal, large.accounts);
    // The second run wrote only what the first had not recorded.
    const [done, stopped] = await runsOf('zeta');
    expect((done?.written ?? 0) + (stopped?.written ?? 0)).toBe(large.accounts.length);
  }, PROCESS_TEST_MS);

  it('workers syncing one HubSpot portal share its 10-second budget through Redis: the portal never refuses them', async () => {
    const portal = await startFakeHubspot({ portalId: 710007, token: 'pat-shared-secret', limits: { max: 100, windowMs: 10_000 } });
    portals.push(portal);
    portal.store.seedCompaniesFor(large.accounts);
    const names = ['shared-1', 'shared-2', 'shared-3', 'shared-4'];
    for (const name of names) {
      const add = await pulse(['installations', 'add', name, '--crm', 'hubspot', '--warehouse', large.url, '--share-account', ...NOT_DURING_TESTS], { HUBSPOT_ACCESS_TOKEN: portal.token, HUBSPOT_BASE_URL: portal.baseUrl });
      expect(add.code).toBe(0);
    }
    await startWorker(['--concurrency', '2']);
    await startWorker(['--concurrency', '2']);
    for (const name of names) await pulse(['enqueue', name, '--as-of', AS_OF]);
    for (const name of names) await succeeded(name);
    // More than one window's worth went out, so the budget was binding, and the portal never had to refuse.
    expect(portal.stats.admitted).toBeGreaterThan(100);
    expect(portal.stats.rateLimited).toBe(0);
  }, PROCESS_TEST_MS);
});
