import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import type { CrmConnector } from '../../../connectors/crm/types';
import type { ComputedAccount } from '../../../src/pipeline/compute-signals';
import { computeAllSignals } from '../../../src/pipeline/compute-signals';
import { defaultRules } from '../../../src/playbooks';
import { runSync, type RunOptions } from '../../../src/sync/run';
import type { RunCounts, StateStore } from '../../../src/sync/state';
import { migrate } from '../../../src/sync/state/migrate';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import { openPglite } from '../../../src/sync/state/pglite-client';
import type { SqlClient } from '../../../src/sync/state/sql';
import { sqlStateStore } from '../../../src/sync/state/sql-store';
import { pgliteOutsideJest } from './pglite-outside-jest';
import { loadCsvDirIntoDuckDb } from '../../support/load-fixture';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { testDatabaseUrl } from '../../support/test-database';

export const AS_OF = '2024-02-20';
export const NOW = '2024-02-21T06:00:00.000Z';
export type Backend = 'pglite' | 'postgres';

export interface TestStore {
  store: StateStore;
  db: SqlClient;
  /** The PostgreSQL database, for a second session; null on PGlite. */
  url: string | null;
  cleanup(): Promise<void>;
}

/** A migrated store on a fresh PGlite folder or a fresh PostgreSQL database; `db` is its own session. */
export async function openTestStore(backend: Backend): Promise<TestStore> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'pulse-state-')) : null;
  const url = dir === null ? await testDatabaseUrl('sync') : null;
  const db = url === null ? await openPglite(dir, pgliteOutsideJest) : await connectPostgres(url);
  await migrate(db);
  const store = sqlStateStore(db);
  return {
    store,
    db,
    url,
    async cleanup() {
      await store.close();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The signal examples' accounts, computed through the real pipeline once per test file. */
export async function exampleAccounts(): Promise<ComputedAccount[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sync-wh-'));
  try {
    const path = join(dir, 'examples.duckdb');
    const wh = await openDuckDb({ path, displayUrl: path, readOnly: false });
    try {
      await loadCsvDirIntoDuckDb(wh.connection);
      return (await computeAllSignals(wh, DEFAULT_CONFIG, { asOf: AS_OF, today: '2099-01-01' })).accounts;
    } finally {
      await wh.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Accounts as the warehouse streams them: chunks of `size`. */
export async function* chunked(accounts: readonly ComputedAccount[], size = 7): AsyncIterable<ComputedAccount[]> {
  for (let i = 0; i < accounts.length; i += size) yield accounts.slice(i, i + size);
}

/** One `pulse sync` against `crm`: small chunks and batches, so runs cross several of each. */
export async function syncOnce(store: StateStore, crm: CrmConnector, accounts: readonly ComputedAccount[], options: Partial<RunOptions> = {}): Promise<RunCounts> {
  const installation = await store.ensureInstallation('default', crm.kind, crm.installationId, null);
  const recorder = await store.startRun(installation.id, AS_OF, options.now ?? NOW);
  return runSync({ connector: crm, chunks: chunked(accounts) }, recorder, {
    asOf: AS_OF, rules: defaultRules(), now: NOW, batchSize: 5, clock: () => new Date(NOW), ...options,
  });
}

/** The store's durable state for one installation, without run ids and timestamps of writing. */
export async function dumpState(db: SqlClient, crmAccountId: string): Promise<Record<string, unknown[]>> {
  const [inst] = await db.query('select id from installations where crm_account_id = $1', [crmAccountId]);
  const id = Number(inst?.id);
  return {
    field_values: await db.query('select account_id, field, value from field_values where installation_id = $1 order by 1, 2', [id]),
    record_ids: await db.query('select account_id, record_id from record_ids where installation_id = $1 order by 1', [id]),
    firings: await db.query(
      'select key, account_id, playbook, action, fired_on, ordinal, fired_at, reason, record_id, task from firings where installation_id = $1 order by key',
      [id],
    ),
    written_keys: await db.query('select kind, key, crm_id from written_keys where installation_id = $1 order by 1, 2', [id]),
  };
}
