/**
 * Kept first days (src/warehouse/aggregate/first-days.ts): a run that searches only the days after the
 * kept ones gives, on every field of every account, what a full recompute gives, on DuckDB and on
 * PostgreSQL, and rows that arrive late (or go away) before the searched-through day make the
 * accounts they touch be searched in full again. The days are kept in the real state store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Client } from 'pg';
import { writeDuckDb, writePostgres } from '../../../sample-data';
import { openWarehouse } from '../../../connectors/warehouse';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';
import { addDays } from '../../../src/domain/dates';
import { computeAllSignals, type ComputedAccount, type KeptFacts } from '../../../src/pipeline/compute-signals';
import { openStateStore, warehouseScope, type StateStore } from '../../../src/sync/state';
import type { FirstDayKeeper, KeptFirstDays } from '../../../src/warehouse/aggregate/first-days';
import type { Warehouse } from '../../../src/warehouse/port';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { recordingWarehouse } from '../../support/recording-warehouse';
import { testDatabaseUrl } from '../../support/test-database';

const SAMPLE = { accounts: 70, days: 220, seed: 11, asOf: '2025-06-30' };
const TODAY = '2099-01-01';

interface Engine {
  name: string;
  open(): Promise<Warehouse>;
  /** Runs a write statement against the warehouse (the test's late-arriving rows). */
  write(sql: string): Promise<void>;
}

type Keepers = Omit<KeptFacts, 'full'>;

async function compute(wh: Warehouse, asOf: string, keepers?: Keepers, full = false): Promise<ComputedAccount[]> {
  const kept = keepers === undefined ? undefined : { ...keepers, full };
  return (await computeAllSignals(wh, DEFAULT_CONFIG, { asOf, today: TODAY, kept, chunkSize: 16 })).accounts;
}

/** Incremental statements search first days from the day kept (recent_day); full ones over whole history (need_flags). */
const fullSearches = (statements: string[]) => statements.filter((s) => s.includes('need_flags')).length;
const incrementalSearches = (statements: string[]) => statements.filter((s) => s.includes('recent_day')).length;

describe.each<() => Promise<Engine & { close(): Promise<void> }>>([
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-first-days-'));
    const path = join(dir, 'w.duckdb');
    await writeDuckDb(path, SAMPLE);
    return {
      name: 'DuckDB',
      open: () => openWarehouse(parseWarehouseUrl(`duckdb:${path}`)),
      async write(sql) {
        const instance = await DuckDBInstance.create(path);
        const conn = await instance.connect();
        await conn.run(sql);
        conn.closeSync();
        instance.closeSync();
      },
      close: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  async () => {
    const url = await testDatabaseUrl('first_days_wh');
    await writePostgres(url, SAMPLE);
    return {
      name: 'PostgreSQL',
      open: () => openWarehouse(parseWarehouseUrl(url)),
      async write(sql) {
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query(sql);
        await client.end();
      },
      close: async () => undefined,
    };
  },
])('kept first days', (makeEngine) => {
  let engine: Engine & { close(): Promise<void> };
  let store: StateStore;
  let keeper: FirstDayKeeper;
  let keepers: Keepers;

  beforeAll(async () => {
    engine = await makeEngine();
    store = await openStateStore({ databaseUrl: await testDatabaseUrl('first_days_state'), dir: '' });
    keeper = store.firstDays(warehouseScope(engine.name));
    keepers = { firstDays: keeper, reports: store.validationReports(warehouseScope(engine.name)) };
  });

  afterAll(async () => {
    await store?.close();
    await engine?.close();
  });

  async function withWarehouse<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    const wh = await engine.open();
    try {
      return await fn(wh);
    } finally {
      await wh.close();
    }
  }

  it('searches only the new days on each next day and equals a full recompute on every field of every account', async () => {
    await withWarehouse(async (plain) => {
      const first = await compute(plain, '2025-06-20', keepers);
      expect(first.length).toBeGreaterThan(50);
      expect(first.some((a) => a.signals.ttfv_days !== null)).toBe(true);
      const kept = (await keeper.load()) as KeptFirstDays;
      expect(kept.searchedThrough).toBe('2025-06-20');
      expect(kept.accounts.size).toBe(first.length);

      for (const day of ['2025-06-21', '2025-06-22', '2025-06-26']) {
        const { wh, statements } = recordingWarehouse(plain);
        const incremental = await compute(wh, day, keepers);
        expect(incrementalSearches(statements)).toBeGreaterThan(0);
        expect(fullSearches(statements)).toBe(0);
        expect(incremental).toEqual(await compute(plain, day));
      }
    });
  });

  it('searches in full the accounts whose rows before the kept day changed, and only those', async () => {
    const kept = (await keeper.load()) as KeptFirstDays;
    // Accounts whose first meaningful day came days after their contract started.
    const [late, gone] = [...kept.accounts.entries()]
      .filter(([, a]) => a.days[0] !== null && a.days[0] > addDays(String((JSON.parse(a.inputs) as unknown[])[4]), 2))
      .map(([id]) => id)
      .sort();
    const keptLate = kept.accounts.get(late as string)?.days[0] as string;
    // A big day long before the kept first meaningful day, and the rows of another account's first days removed.
    await engine.write(
      `insert into usage_daily (account_id, day, use_case, team, units, cost_usd)
       select account_id, cast(contract_start as date) + 1, 'late-import', 'late-team', 1000000, 5000 from accounts where account_id = '${late}'`,
    );
    await engine.write(`delete from usage_daily where account_id = '${gone}' and day <= date '${kept.accounts.get(gone as string)?.days[0]}'`);
    await withWarehouse(async (plain) => {
      const { wh, statements } = recordingWarehouse(plain);
      const incremental = await compute(wh, '2025-06-27', keepers);
      expect(fullSearches(statements)).toBe(1);
      expect(statements.find((s) => s.includes('need_flags'))).toMatch(/ in \(\$\d+, \$\d+\)/);
      expect(incremental).toEqual(await compute(plain, '2025-06-27'));
      // The late row moved its first meaningful day earlier: the kept day would have been wrong.
      const now = await keeper.load();
      expect(now?.accounts.get(late as string)?.days[0]).not.toBe(keptLate);
      expect((now?.accounts.get(late as string)?.days[0] as string) < keptLate).toBe(true);
    });
  });

  it('keeps the later days when asked for an earlier day, and searches everything again with full', async () => {
    await withWarehouse(async (plain) => {
      const { wh, statements } = recordingWarehouse(plain);
      expect(await compute(wh, '2025-06-10', keepers)).toEqual(await compute(plain, '2025-06-10'));
      expect(incrementalSearches(statements)).toBe(0);
      expect((await keeper.load())?.searchedThrough).toBe('2025-06-27');

      const again = recordingWarehouse(plain);
      expect(await compute(again.wh, '2025-06-28', keepers, true)).toEqual(await compute(plain, '2025-06-28'));
      expect(incrementalSearches(again.statements)).toBe(0);
      expect((await keeper.load())?.searchedThrough).toBe('2025-06-28');
    });
  });
});
