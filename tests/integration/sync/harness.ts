import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import type { ComputedAccount } from '../../../src/pipeline/compute-signals';
import { computeAllSignals } from '../../../src/pipeline/compute-signals';
import { defaultRules } from '../../../src/playbooks';
import type { CrmConnector } from '../../../src/sync/ports';
import { syncInstallation, type SyncDeps, type SyncRequest } from '../../../src/sync/sync-installation';
import type { RunCounts, StateStore } from '../../../src/sync/state';
import { migrate } from '../../../src/sync/state/migrate';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import { openPglite } from '../../../src/sync/state/pglite-client';
import type { SqlClient } from '../../../src/sync/state/sql';
import { sqlStateStore } from '../../../src/sync/state/sql-store';
import { pgliteOutsideJest } from './pglite-outside-jest';
import { writeExamplesDuckDb } from '../../support/load-fixture';
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

/** The signal examples as a DuckDB warehouse file: the sync job reads it as it would a customer's. */
export interface ExampleWarehouse {
  path: string;
  /** Changes the data between runs (read-write, closed again before the next sync opens it). */
  change(sql: string): Promise<void>;
  cleanup(): void;
}

export async function exampleWarehouse(): Promise<ExampleWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sync-wh-'));
  const path = await writeExamplesDuckDb(dir);
  return {
    path,
    async change(sql) {
      const rw = await openDuckDb({ path, displayUrl: path, readOnly: false });
      try {
        await rw.connection.run(sql);
      } finally {
        await rw.close();
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The signal examples' accounts, computed through the real pipeline (for expectations). */
export async function exampleAccounts(warehouse: ExampleWarehouse, asOf = AS_OF): Promise<ComputedAccount[]> {
  const wh = await openDuckDb({ path: warehouse.path, displayUrl: warehouse.path });
  try {
    return (await computeAllSignals(wh, DEFAULT_CONFIG, { asOf, today: '2099-01-01' })).accounts;
  } finally {
    await wh.close();
  }
}

export interface SyncOnceOptions {
  asOf?: string;
  now?: string;
  backfill?: boolean;
  progress?: SyncRequest['progress'];
  clock?: () => Date;
  signal?: AbortSignal;
  /** PULSE_PUBLIC_URL: where console_url points. @defaultValue unset */
  publicUrl?: string;
}

/**
 * One `pulse sync` through the sync job itself: the examples warehouse, the store, `crm`, the default
 * playbooks; warehouse chunks of 7 accounts, so runs cross several chunks and write units.
 */
export async function syncOnce(store: StateStore, crm: CrmConnector, warehouse: ExampleWarehouse, options: SyncOnceOptions = {}): Promise<RunCounts> {
  const installation = await store.ensureInstallation('default', crm.kind, crm.installationId, null);
  const wh = await openDuckDb({ path: warehouse.path, displayUrl: warehouse.path });
  try {
    const now = options.now ?? NOW;
    const clock = options.clock ?? (() => new Date(now));
    const deps: SyncDeps = { config: { ...DEFAULT_CONFIG, publicUrl: options.publicUrl }, warehouse: wh, store, connector: crm, rules: defaultRules(), clock: { now: clock }, logger: SILENT };
    const result = await syncInstallation(deps, {
      installation, asOf: options.asOf ?? AS_OF, now, today: '2099-01-01', mode: 'sync', backfill: options.backfill, progress: options.progress, chunkSize: 7, signal: options.signal,
    });
    if (result.mode !== 'sync') throw new Error('expected a sync result');
    return result.counts;
  } finally {
    await wh.close();
  }
}

const SILENT = { info: () => undefined, warn: () => undefined };

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
