/**
 * `npm run bench:hubspot -- --accounts 10000 [--rate R] [--faults]`: the sync job itself, `syncInstallation`
 * as `pulse sync --crm hubspot` runs it (sample warehouse in DuckDB, PGlite state store, the HubSpot
 * connector through the real SDK), against the local fake HubSpot limited to R requests per second.
 * Run 1 writes every account; run 2, with nothing changed, must write nothing. Prints requests per 1,000
 * changed accounts, achieved over allowed request rate, 429s and retries, lost and duplicated records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubspotConnector, type HubspotConnector } from '../connectors/crm/hubspot';
import { openDuckDb } from '../connectors/warehouse/duckdb';
import { loadConfig } from '../src/commands/config';
import { defaultRules } from '../src/playbooks';
import { openStateStore, type StateStore } from '../src/sync/state';
import { syncInstallation, type SyncResult } from '../src/sync/sync-installation';
import { startFakeHubspot, type FakeHubspot } from '../tests/support/fake-hubspot';
import { seededRandom } from '../tests/support/fake-hubspot/plan';
import { parseBenchArgs } from './hubspot-args';
import { sampleWarehouse } from './sample-warehouse';

const AS_OF = '2025-06-30';
const WRITE_ROUTE = /batch\/(update|upsert|create)$/;

/** Every warehouse account has a company in the portal, found by `pulse_account_id`, with an owner. */
async function seedPortal(fake: FakeHubspot, path: string): Promise<number> {
  const wh = await openDuckDb({ path, displayUrl: path });
  try {
    const rows = await wh.all('select account_id, name from accounts order by account_id');
    rows.forEach((row, i) => fake.store.seedCompany({ name: String(row.name), pulse_account_id: String(row.account_id), hubspot_owner_id: String(7000 + (i % 40)) }));
    fake.store.writes.clear();
    return rows.length;
  } finally {
    await wh.close();
  }
}

function writeCalls(fake: FakeHubspot): number {
  return [...fake.stats.byRoute.entries()].filter(([route]) => WRITE_ROUTE.test(route)).reduce((n, [, c]) => n + c, 0);
}

/** Lost: a changed account whose company lacks the sync's stamp. Duplicated: a task key held by two tasks. */
function lostAndDuplicated(fake: FakeHubspot, syncedAt: string): { lost: number; duplicated: number } {
  const companies = [...fake.store.records.companies.values()];
  const lost = companies.filter((company) => company.properties.pulse_last_synced_at !== syncedAt).length;
  const keys = [...fake.store.records.tasks.values()].map((task) => task.properties.pulse_task_key);
  return { lost, duplicated: keys.length - new Set(keys).size };
}

async function syncOnce(store: StateStore, connector: HubspotConnector, warehousePath: string, now: string): Promise<SyncResult & { mode: 'sync' }> {
  const config = loadConfig({}, '/nonexistent');
  const warehouse = await openDuckDb({ path: warehousePath, displayUrl: warehousePath });
  try {
    const installation = await store.ensureInstallation('bench', connector.kind, connector.installationId, null);
    const deps = { config, warehouse, store, connector, rules: defaultRules(), clock: { now: () => new Date() }, logger: { info: () => undefined, warn: console.warn } };
    const result = await syncInstallation(deps, { installation, asOf: AS_OF, now, mode: 'sync' });
    if (result.mode !== 'sync') throw new Error('expected a sync');
    return result;
  } finally {
    await warehouse.close();
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const warehousePath = await sampleWarehouse(args.accounts, args.days, AS_OF);
  const max = Math.max(1, Math.round(args.rate * 10));
  const fake = await startFakeHubspot({ limits: { max, windowMs: 10_000 }, random: seededRandom(3) });
  const stateDir = mkdtempSync(join(tmpdir(), 'pulse-bench-state-'));
  const store = await openStateStore({ dir: join(stateDir, 'state') });
  try {
    const companies = await seedPortal(fake, warehousePath);
    if (args.faults) {
      fake.faults.add({ fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, probability: 0.08 });
      fake.faults.add({ fault: { kind: 'status', status: 502 }, probability: 0.05 });
      fake.faults.add({ fault: { kind: 'drop', when: 'after' }, probability: 0.02 });
    }
    console.log(`HubSpot bench: syncInstallation, ${companies} accounts as of ${AS_OF}; fake limit ${max} requests / 10 s (R = ${max / 10}/s)${args.faults ? '; faults: 8% 429, 5% 502, 2% applied-but-unanswered' : ''}`);

    const first = await createHubspotConnector({ accessToken: fake.token, baseUrl: fake.baseUrl, rateLimitPer10s: 100 });
    const now1 = new Date().toISOString();
    const started = Date.now();
    const run1 = await syncOnce(store, first, warehousePath, now1);
    const seconds = (Date.now() - started) / 1000;
    const windowSeconds = ((fake.stats.lastAt ?? 0) - (fake.stats.firstAt ?? 0)) / 1000;
    const achieved = fake.stats.admitted / Math.max(windowSeconds, 0.001);
    // A sliding window admits a full window at once, then R per second: the most any client could send in T seconds.
    const capacity = max * (windowSeconds / 10 + 1);
    const c = run1.counts;
    const perThousand = (calls: number) => ((calls / Math.max(1, c.changed)) * 1000).toFixed(1);
    const { lost, duplicated } = lostAndDuplicated(fake, now1);
    console.log(`run 1: ${c.accounts_read} accounts read, ${c.changed} changed, ${c.written} written, ${c.rejected} rejected, ${c.unmatched} unmatched, ` +
      `${c.tasks_created} tasks; ${c.api_calls} requests in ${seconds.toFixed(1)} s (signals and state included)`);
    console.log(`  requests per 1,000 changed accounts: ${perThousand(c.api_calls)} (writes ${perThousand(writeCalls(fake))})`);
    console.log(`  achieved ${achieved.toFixed(2)} req/s over allowed ${(max / 10).toFixed(2)} req/s = ${(achieved / (max / 10)).toFixed(2)}` +
      ` (admitted / window capacity over the run = ${(fake.stats.admitted / capacity).toFixed(2)})`);
    console.log(`  records lost ${lost}, duplicated ${duplicated}; 429s received ${first.caller.rateLimited}; retries ${JSON.stringify(Object.fromEntries(first.caller.retries))}; faults ${JSON.stringify(Object.fromEntries(fake.faults.applied))}`);

    // Run 2: a new process would build a new connector; the store says everything is written.
    fake.faults.clear();
    const writesBefore = writeCalls(fake);
    const requestsBefore = fake.stats.requests;
    const second = await createHubspotConnector({ accessToken: fake.token, baseUrl: fake.baseUrl, rateLimitPer10s: 100 });
    const run2 = await syncOnce(store, second, warehousePath, new Date().toISOString());
    console.log(`run 2 (nothing changed): ${run2.counts.changed} changed, ${run2.counts.unchanged} unchanged; ` +
      `${fake.stats.requests - requestsBefore} requests (the portal-id read when the connector starts, ${run2.counts.api_calls} by the sync), ${writeCalls(fake) - writesBefore} writes`);
  } finally {
    await store.close();
    await fake.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
