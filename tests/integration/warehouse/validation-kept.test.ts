/**
 * Kept validation reports (src/warehouse/validation/kept-report.ts): a run that validates only the rows
 * since the kept day gives the same report as validating every row, on DuckDB and PostgreSQL, and the
 * kept report is not trusted when rows through that day changed, when an account's validity changed,
 * or with `full`. The reports are kept in the real state store.
 */
import { Client } from 'pg';
import { openWarehouse } from '../../../connectors/warehouse';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';
import { openStateStore, warehouseScope, type StateStore } from '../../../src/sync/state';
import type { Dialect, Warehouse } from '../../../src/warehouse/port';
import { validateWarehouse, type ValidationKeeper } from '../../../src/warehouse/validation';
import { recordingWarehouse } from '../../support/recording-warehouse';
import { testDatabaseUrl } from '../../support/test-database';

const lit = (v: string | null): string => (v === null ? 'null' : `'${v}'`);
const usageRow = (account: string, day: string, units = 1, team = 'support'): string => `(${lit(account)}, ${lit(day)}, 'chat', ${lit(team)}, ${units}, 0.5)`;

/** June 2024, days 1..n, as text. */
const june = (d: number): string => `2024-06-${String(d).padStart(2, '0')}`;

/**
 * Accounts a..d, and e whose row is rejected (no contract start); usage with `day` as text, so a bad
 * date is possible; bad rows of every kind through the first kept day, and a row dated in July.
 */
function warehouseSql(): string[] {
  const rows: string[] = [];
  for (const account of ['acct-a', 'acct-b', 'acct-c', 'acct-d', 'acct-e']) for (let d = 1; d <= 20; d++) rows.push(usageRow(account, june(d)));
  rows.push(usageRow('acct-a', june(5), -3, 'ops'), usageRow('acct-b', june(7)), usageRow('acct-z', june(3)), usageRow('acct-a', '2024-02-30'));
  rows.push(usageRow('acct-c', '2024-07-15'));
  return [
    `create table accounts (account_id text, name text, domain text, segment text, industry text, contract_start date, licensed_users integer,
       monthly_budget_usd double precision, target_daily_units double precision, outcome_target_monthly double precision, owner_email text,
       hubspot_company_id text, salesforce_account_id text)`,
    `insert into accounts (account_id, contract_start) values ('acct-a', '2024-01-01'), ('acct-b', '2024-01-01'), ('acct-c', '2024-01-01'),
       ('acct-d', '2024-01-01'), ('acct-e', null)`,
    'create table usage_daily (account_id text, day text, use_case text, team text, units double precision, cost_usd double precision)',
    `insert into usage_daily values ${rows.join(', ')}`,
  ];
}

interface Engine {
  wh: Warehouse;
  write(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function openEngine(dialect: Dialect): Promise<Engine> {
  if (dialect === 'duckdb') {
    const wh = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:' });
    for (const s of warehouseSql()) await wh.connection.run(s);
    return { wh, write: async (sql) => void (await wh.connection.run(sql)), close: () => wh.close() };
  }
  const url = await testDatabaseUrl('validation_kept');
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const s of warehouseSql()) await client.query(s);
  const wh = await openWarehouse(parseWarehouseUrl(url));
  return { wh, write: async (sql) => void (await client.query(sql)), close: async () => (await wh.close(), await client.end()) };
}

/**
 * A run built on the report kept through `through` when none of its usage pre-checks (the grouping
 * of rows) read rows dated through that day: each read only the rows after it (split-sql.ts
 * rowsThrough) or the latest days (rowsAfter).
 */
function builtOnKept(statements: string[], through: string | undefined): boolean {
  const preChecks = statements.filter((s) => s.includes('group by pulse_r') && s.includes('usage_daily'));
  return through !== undefined && preChecks.every((s) => s.includes(`> cast('${through}' as date)`) || s.includes(') as s where not coalesce('));
}

describe.each<Dialect>(['duckdb', 'postgres'])('kept validation reports on %s', (dialect) => {
  let engine: Engine;
  let store: StateStore;
  let keeper: ValidationKeeper;

  beforeAll(async () => {
    engine = await openEngine(dialect);
    store = await openStateStore({ databaseUrl: await testDatabaseUrl('validation_kept_state'), dir: '' });
    keeper = store.validationReports(warehouseScope(`kept-${dialect}`));
  });

  afterAll(async () => {
    await engine.close();
    await store.close();
  });

  /** The report with the keeper, and whether it built on the kept one; checked against validating every row. */
  async function validateKept(today: string, options: { full?: boolean; detailLimit?: number } = {}) {
    const { wh, statements } = recordingWarehouse(engine.wh);
    const through = (await keeper.load())?.through;
    const report = await validateWarehouse(wh, { today, detailLimit: options.detailLimit, kept: { keeper, full: options.full === true } });
    const everyRow = await validateWarehouse(engine.wh, { today, detailLimit: options.detailLimit });
    return { report, everyRow, builtOnKept: builtOnKept(statements, through) };
  }

  it('keeps the report of the rows through the day before yesterday, and the next day validates only the rows since', async () => {
    const first = await validateKept(june(20));
    expect(first.builtOnKept).toBe(false);
    expect(first.report).toEqual(first.everyRow);
    expect(first.report.models.usage_daily.byReason).toEqual({
      'bad_date:day': 1,
      'negative:units': 1,
      'future_date:day': 1,
      unknown_account: 1,
      rejected_account: 20,
      duplicate_key: 2,
    });
    const kept = await keeper.load();
    expect(kept?.through).toBe(june(18));
    // The rows through the day before yesterday only: not the latest two days, the bad date nor the July row, which the next run validates again.
    expect(kept?.models.usage_daily?.validation.rows).toBe(93);
    expect(kept?.models.accounts).toBeUndefined();

    await engine.write(`insert into usage_daily values ${[usageRow('acct-a', june(21)), usageRow('acct-b', june(21), -1), usageRow('acct-c', june(21)), usageRow('acct-c', june(21))].join(', ')}`);
    const next = await validateKept(june(21));
    expect(next.builtOnKept).toBe(true);
    expect(next.report).toEqual(next.everyRow);
    expect(next.report.models.usage_daily.byReason).toMatchObject({ 'negative:units': 2, duplicate_key: 4 });
    expect(next.report.models.usage_daily.duplicates.keys).toEqual([
      ['acct-b', june(7), 'chat', 'support'],
      ['acct-c', june(21), 'chat', 'support'],
    ]);
    expect((await keeper.load())?.through).toBe(june(19));
  });

  it('validates every row again when a row through the kept day arrives late, not when one of the latest days does', async () => {
    await engine.write(`insert into usage_daily values ${usageRow('acct-d', june(20), 2, 'late')}`);
    const latest = await validateKept(june(21));
    expect(latest.builtOnKept).toBe(true);
    expect(latest.report).toEqual(latest.everyRow);

    await engine.write(`insert into usage_daily values ${usageRow('acct-d', june(10), -5, 'late')}`);
    const run = await validateKept(june(21));
    expect(run.builtOnKept).toBe(false);
    expect(run.report).toEqual(run.everyRow);
    expect(run.report.models.usage_daily.byReason['negative:units']).toBe(3);
  });

  it('validates every row again when an account is no longer valid', async () => {
    expect((await validateKept(june(21))).builtOnKept).toBe(true);
    await engine.write(`update accounts set contract_start = null where account_id = 'acct-d'`);
    const run = await validateKept(june(21));
    expect(run.builtOnKept).toBe(false);
    expect(run.report).toEqual(run.everyRow);
    expect(run.report.models.usage_daily.byReason.rejected_account).toBe(41); // acct-e's 20 rows, acct-d's 20 and its late one of June 20
  });

  it('counts a row dated after today once its day has come', async () => {
    const run = await validateKept('2024-07-20');
    expect(run.builtOnKept).toBe(true);
    expect(run.report).toEqual(run.everyRow);
    expect(run.report.models.usage_daily.byReason['future_date:day']).toBeUndefined();
  });

  it('keeps counts exact when the detail is cut, and validates every row with full', async () => {
    await validateKept('2024-07-20', { detailLimit: 3 });
    const cut = await validateKept('2024-07-21', { detailLimit: 3 });
    expect(cut.builtOnKept).toBe(true);
    const { rejected, byReason, detailKept, detailTruncated } = cut.report.models.usage_daily;
    expect({ rejected, byReason, detailKept, detailTruncated }).toEqual({ ...pick(cut.everyRow.models.usage_daily), detailKept: 3, detailTruncated: true });
    expect(cut.report.rejected.filter((r) => r.model === 'usage_daily')).toHaveLength(3);

    const full = await validateKept('2024-07-21', { full: true, detailLimit: 3 });
    expect(full.builtOnKept).toBe(false);
    expect(full.report.models.usage_daily.byReason).toEqual(cut.everyRow.models.usage_daily.byReason);
  });
});

function pick(v: { rejected: number; byReason: Record<string, number> }) {
  return { rejected: v.rejected, byReason: v.byReason };
}
