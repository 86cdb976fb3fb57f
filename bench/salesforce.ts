/**
 * `npm run bench:salesforce -- --accounts 10000 [--days D] [--faults]`: the sync job itself, `syncInstallation`
 * as `pulse sync --crm salesforce` runs it (sample warehouse in DuckDB, PGlite state store, the Salesforce
 * connector through jsforce), against the local fake Salesforce, twice over:
 *   1. sObject Collections (the bulk threshold above the run), then a second run with nothing changed;
 *   2. Bulk API 2.0 (threshold 2,000) on a fresh org and store.
 * Prints calls per 1,000 changed accounts by kind, time per 1,000 records, records lost or duplicated,
 * and the write calls of the unchanged re-run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSalesforceConnector, type SalesforceConnector } from '../connectors/crm/salesforce/connector';
import { openDuckDb } from '../connectors/warehouse/duckdb';
import { loadConfig } from '../src/commands/config';
import { defaultRules } from '../src/playbooks';
import { openStateStore, type StateStore } from '../src/sync/state';
import { syncInstallation, type SyncResult } from '../src/sync/sync-installation';
import { startFakeSalesforce, type FakeSalesforce } from '../tests/support/fake-salesforce';
import { seededRandom } from '../tests/support/fake-hubspot/plan';
import { parseSalesforceBenchArgs, type SalesforceBenchArgs } from './salesforce-args';
import { sampleWarehouse } from './sample-warehouse';

const AS_OF = '2025-06-30';
const SYNC_STAMP = 'Pulse_Last_Synced_At__c';

/** Every warehouse account has its Account: under the warehouse's Id when it holds one, else found by Pulse_Account_Id__c. */
async function seedOrg(fake: FakeSalesforce, path: string): Promise<number> {
  const wh = await openDuckDb({ path, displayUrl: path });
  try {
    const rows = await wh.all('select account_id, name, salesforce_account_id from accounts order by account_id');
    for (const row of rows) {
      const id = row.salesforce_account_id === null ? undefined : String(row.salesforce_account_id);
      fake.org.seedAccount({ Name: String(row.name), Pulse_Account_Id__c: id === undefined ? String(row.account_id) : undefined }, id);
    }
    return rows.length;
  } finally {
    await wh.close();
  }
}

type CallKind = 'query' | 'accounts' | 'tasks' | 'events' | 'bulk' | 'other';

/** Calls by kind, from the fake's count of each route. */
function callsByKind(fake: FakeSalesforce): Record<CallKind, number> {
  const kinds: Record<CallKind, number> = { query: 0, accounts: 0, tasks: 0, events: 0, bulk: 0, other: 0 };
  for (const [route, count] of fake.stats.byRoute) {
    const kind: CallKind =
      route === 'GET /query' ? 'query'
      : route === 'PATCH /composite/sobjects' ? 'accounts'
      : route === 'PATCH /composite/sobjects/Task/Pulse_Task_Key__c' ? 'tasks'
      : route === 'POST /composite/sobjects' ? 'events'
      : route.includes('/jobs/ingest') ? 'bulk'
      : 'other';
    kinds[kind] += count;
  }
  return kinds;
}

function minus(after: Record<CallKind, number>, before: Record<CallKind, number>): Record<CallKind, number> {
  const kinds = Object.keys(after) as CallKind[];
  return Object.fromEntries(kinds.map((kind) => [kind, after[kind] - before[kind]])) as Record<CallKind, number>;
}

/** Lost: a changed Account without this run's stamp. Duplicated: a task key held by two Tasks, an event key published twice. */
function lostAndDuplicated(fake: FakeSalesforce): { lost: number; duplicatedTasks: number; duplicatedEvents: number } {
  const accounts = [...fake.org.records.Account.values()];
  const lost = accounts.filter((account) => typeof account.fields[SYNC_STAMP] !== 'string').length;
  const taskKeys = [...fake.org.records.Task.values()].map((task) => task.fields.Pulse_Task_Key__c);
  const eventKeys = fake.org.events.map((event) => event.fields.Key__c);
  return { lost, duplicatedTasks: taskKeys.length - new Set(taskKeys).size, duplicatedEvents: eventKeys.length - new Set(eventKeys).size };
}

async function syncOnce(store: StateStore, connector: SalesforceConnector, warehousePath: string): Promise<SyncResult & { mode: 'sync' }> {
  const config = loadConfig({}, '/nonexistent');
  const warehouse = await openDuckDb({ path: warehousePath, displayUrl: warehousePath });
  try {
    const installation = await store.ensureInstallation('bench', connector.kind, connector.installationId, null);
    const deps = { config, warehouse, store, connector, rules: defaultRules(), clock: { now: () => new Date() }, logger: { info: () => undefined, warn: console.warn } };
    const result = await syncInstallation(deps, { installation, asOf: AS_OF, now: new Date().toISOString(), mode: 'sync' });
    if (result.mode !== 'sync') throw new Error('expected a sync');
    return result;
  } finally {
    await warehouse.close();
  }
}

const perThousand = (calls: number, changed: number) => ((calls / Math.max(1, changed)) * 1000).toFixed(2);

async function benchPath(label: string, args: SalesforceBenchArgs, warehousePath: string, bulkThreshold: number): Promise<void> {
  const fake = await startFakeSalesforce({ random: seededRandom(7), dailyLimit: 10_000_000 });
  const stateDir = mkdtempSync(join(tmpdir(), 'pulse-bench-sf-'));
  const store = await openStateStore({ dir: join(stateDir, 'state') });
  try {
    await seedOrg(fake, warehousePath);
    if (args.faults) {
      fake.faults.add({ fault: { kind: 'status', status: 503 }, probability: 0.05 });
      fake.faults.add({ fault: { kind: 'drop', when: 'after' }, probability: 0.02 });
      fake.faults.add({ fault: { kind: 'lock', positions: [0] }, method: 'PATCH', probability: 0.05 });
    }
    const connect = () => createSalesforceConnector({ instanceUrl: fake.baseUrl, accessToken: fake.accessToken, bulkThreshold, lockRetry: { firstPauseMs: 200 } });
    const first = await connect();
    const before = callsByKind(fake);
    const started = Date.now();
    const run1 = await syncOnce(store, first, warehousePath);
    const seconds = (Date.now() - started) / 1000;
    const c = run1.counts;
    const calls = minus(callsByKind(fake), before);
    const total = Object.values(calls).reduce((n, k) => n + k, 0);
    const { lost, duplicatedTasks, duplicatedEvents } = lostAndDuplicated(fake);
    const changed = c.changed;
    console.log(`${label}: ${c.accounts_read} accounts read, ${changed} changed, ${c.written} written, ${c.rejected} rejected, ${c.unmatched} unmatched; ` +
      `${c.tasks_created} tasks, ${c.events_published} events; ${total} calls in ${seconds.toFixed(1)} s (signals and state included)`);
    console.log(`  calls per 1,000 changed accounts: writes ${perThousand(calls.accounts + calls.tasks + calls.bulk, changed)} ` +
      `(Accounts ${perThousand(calls.accounts, changed)}, bulk job ${perThousand(calls.bulk, changed)}, Tasks ${perThousand(calls.tasks, changed)}); ` +
      `events ${perThousand(calls.events, changed)}; lookups ${perThousand(calls.query, changed)}; all ${perThousand(total, changed)}`);
    console.log(`  time per 1,000 changed accounts: ${((seconds / Math.max(1, changed)) * 1000).toFixed(2)} s; ` +
      `records lost ${lost}, tasks duplicated ${duplicatedTasks}, events duplicated ${duplicatedEvents}; ` +
      `retries ${JSON.stringify(Object.fromEntries(first.link.caller.retries))}; faults ${JSON.stringify(Object.fromEntries(fake.faults.applied))}`);

    fake.faults.clear();
    const again = callsByKind(fake);
    const run2 = await syncOnce(store, await connect(), warehousePath);
    const second = minus(callsByKind(fake), again);
    console.log(`  run 2 (nothing changed): ${run2.counts.changed} changed, ${run2.counts.unchanged} unchanged; ` +
      `${second.accounts + second.tasks + second.events + second.bulk} write calls, ${second.query} lookups, ${second.other} other (the org id read)`);
  } finally {
    await store.close();
    await fake.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = parseSalesforceBenchArgs(process.argv.slice(2));
  const warehousePath = await sampleWarehouse(args.accounts, args.days, AS_OF);
  console.log(`Salesforce bench: syncInstallation, ${args.accounts} accounts as of ${AS_OF}${args.faults ? '; faults: 5% 503, 2% applied-but-unanswered, 5% of writes with a locked row' : ''}`);
  await benchPath('sObject Collections', args, warehousePath, args.accounts + 1);
  await benchPath('Bulk API 2.0 (threshold 2,000)', args, warehousePath, 2_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
