import { Client } from 'pg';
import { openWarehouse } from '../../../connectors/warehouse';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import type { Dialect, Warehouse } from '../../../src/warehouse/port';
import { cleanModelCtes, validateWarehouse, type ValidationReport } from '../../../src/warehouse/validation';
import { testDatabaseUrl } from '../../support/test-database';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';

/**
 * One warehouse with good rows and one row of each kind the contract rejects, loaded into
 * DuckDB and PostgreSQL with the same statements. `accounts.contract_start` and every column of
 * `active_users_daily` are text, as a loosely typed source would be; accounts lacks the two
 * optional CRM id columns. Today is 2024-06-30.
 */
const TODAY = '2024-06-30';
const FIXTURE = [
  `create table accounts (account_id text, name text, domain text, segment text, industry text, contract_start text,
     licensed_users integer, monthly_budget_usd double precision, target_daily_units double precision,
     outcome_target_monthly double precision, owner_email text)`,
  `insert into accounts values
     ('acct-1', 'One', 'one.example', 'smb', 'retail', '2024-01-01', 10, null, null, null, null),
     ('acct-2', 'Two', null, null, null, '2024-02-01', null, 500, null, null, 'csm@example.com'),
     ('acct-3', 'Three', null, null, null, '2024-02-30', null, null, null, null, null),
     ('acct-4', 'Four', null, null, null, null, null, null, null, null, null),
     ('acct-5', 'Five', null, null, null, '2024-01-01', null, null, null, null, null),
     ('acct-5', 'Five again', null, null, null, '2024-01-01', null, null, null, null, null),
     ('acct-6', 'Six', null, null, null, '2024-01-01', -1, null, null, null, null)`,
  `create table usage_daily (account_id text, day date, use_case text, team text, units double precision, cost_usd double precision)`,
  `insert into usage_daily values
     ('acct-1', '2024-03-01', 'chat', 'support', 10, 1.5), ('acct-1', '2024-03-02', 'chat', 'support', 20, 2.5),
     ('acct-1', '2024-03-02', 'search', 'support', 5, 0.5), ('acct-2', '2024-03-01', 'chat', 'sales', 7, 0.7),
     ('acct-2', '2024-06-20', 'chat', 'sales', 3, 0.3), ('acct-2', '2024-06-30', 'chat', 'sales', 1, 0.1),
     ('acct-1', '2024-03-03', 'chat', 'support', -5, 1), ('acct-1', '2024-03-04', 'chat', 'support', 5, -2.5),
     ('acct-9', '2024-03-01', 'chat', 'support', 1, 1), ('acct-3', '2024-03-01', 'chat', 'support', 1, 1),
     ('acct-5', '2024-03-01', 'chat', 'support', 1, 1), ('acct-1', '2024-07-01', 'chat', 'support', 1, 1),
     ('acct-2', '2024-03-05', 'chat', 'sales', 1, 1), ('acct-2', '2024-03-05', 'chat', 'sales', 2, 1),
     ('acct-2', '2024-03-05', 'chat', 'sales', -1, 1), ('acct-1', '2024-03-05', 'chat', 'support', null, 1),
     ('acct-1', '2024-03-06', null, 'support', 1, 1)`,
  `create table active_users_daily (account_id text, day text, dau text, mau text)`,
  `insert into active_users_daily values
     ('acct-1', '2024-03-01', '3', '10'), ('acct-2', '2024-03-01', '2', '+4'), ('acct-2', '2024-02-29', ' 2 ', '4'),
     ('acct-1', '2024-02-30', '1', '1'), ('acct-1', '2023-13-01', '1', '1'), ('acct-1', '2024-03-02', '1', 'abc'),
     ('acct-1', '2024-03-03', '1.5', '2'), ('acct-1', '2024-03-04', '-1', '2'), ('acct-1', '2024-03-05', '1', '99999999999'),
     ('acct-1', '2025-01-01', '1', '1')`,
  `create table commitments (account_id text, period_start date, period_end date, committed_usd double precision)`,
  `insert into commitments values ('acct-1', '2024-01-01', '2024-12-31', 12000), ('acct-1', '2025-01-01', '2025-12-31', 100),
     ('acct-2', '2024-01-01', '2024-12-31', 0), ('acct-2', '2024-06-01', '2024-05-01', 100)`,
  `create table outcomes_daily (account_id text, day date, outcome text, "count" double precision, value_usd numeric(12, 2))`,
  `insert into outcomes_daily values ('acct-1', '2024-03-01', 'resolution', 5, 100.5), ('acct-1', '2024-03-01', 'resolution', 1, 1),
     ('acct-2', '2024-03-01', 'resolution', 1, -3.25), ('acct-2', '2024-03-02', 'qualified_lead', 2, 10)`,
];

/** Every rejected row: model, key, byReason code, sentence. */
const EXPECTED: [string, string, string, string][] = [
  ['accounts', 'acct-3', 'bad_date:contract_start', 'contract_start "2024-02-30" is not a valid date'],
  ['accounts', 'acct-4', 'null:contract_start', 'contract_start is null'],
  ['accounts', 'acct-5', 'duplicate_key', 'duplicate key: 2 rows share (account_id)'],
  ['accounts', 'acct-5', 'duplicate_key', 'duplicate key: 2 rows share (account_id)'],
  ['accounts', 'acct-6', 'negative:licensed_users', 'licensed_users is negative (-1)'],
  ['usage_daily', 'acct-1|2024-03-03|chat|support', 'negative:units', 'units is negative (-5)'],
  ['usage_daily', 'acct-1|2024-03-04|chat|support', 'negative:cost_usd', 'cost_usd is negative (-2.5)'],
  ['usage_daily', 'acct-1|2024-03-05|chat|support', 'null:units', 'units is null'],
  ['usage_daily', 'acct-1|2024-03-06||support', 'null:use_case', 'use_case is null'],
  ['usage_daily', 'acct-1|2024-07-01|chat|support', 'future_date:day', 'day 2024-07-01 is in the future'],
  ['usage_daily', 'acct-2|2024-03-05|chat|sales', 'duplicate_key', 'duplicate key: 2 rows share (account_id, day, use_case, team)'],
  ['usage_daily', 'acct-2|2024-03-05|chat|sales', 'duplicate_key', 'duplicate key: 2 rows share (account_id, day, use_case, team)'],
  ['usage_daily', 'acct-2|2024-03-05|chat|sales', 'negative:units', 'units is negative (-1)'],
  ['usage_daily', 'acct-3|2024-03-01|chat|support', 'rejected_account', 'account_id "acct-3" is in accounts, but its accounts row was rejected'],
  ['usage_daily', 'acct-5|2024-03-01|chat|support', 'rejected_account', 'account_id "acct-5" is in accounts, but its accounts row was rejected'],
  ['usage_daily', 'acct-9|2024-03-01|chat|support', 'unknown_account', 'account_id "acct-9" is not in accounts'],
  ['active_users_daily', 'acct-1|2023-13-01', 'bad_date:day', 'day "2023-13-01" is not a valid date'],
  ['active_users_daily', 'acct-1|2024-02-30', 'bad_date:day', 'day "2024-02-30" is not a valid date'],
  ['active_users_daily', 'acct-1|2024-03-02', 'not_an_integer:mau', 'mau "abc" is not an integer'],
  ['active_users_daily', 'acct-1|2024-03-03', 'not_an_integer:dau', 'dau "1.5" is not an integer'],
  ['active_users_daily', 'acct-1|2024-03-04', 'negative:dau', 'dau is negative (-1)'],
  ['active_users_daily', 'acct-1|2024-03-05', 'out_of_range:mau', 'mau "99999999999" is out of range for an integer'],
  ['active_users_daily', 'acct-1|2025-01-01', 'future_date:day', 'day 2025-01-01 is in the future'],
  ['commitments', 'acct-2|2024-01-01', 'not_positive:committed_usd', 'committed_usd must be > 0 (0)'],
  ['commitments', 'acct-2|2024-06-01', 'period_reversed', 'period_end 2024-05-01 is before period_start 2024-06-01'],
  ['outcomes_daily', 'acct-1|2024-03-01|resolution', 'duplicate_key', 'duplicate key: 2 rows share (account_id, day, outcome)'],
  ['outcomes_daily', 'acct-1|2024-03-01|resolution', 'duplicate_key', 'duplicate key: 2 rows share (account_id, day, outcome)'],
  ['outcomes_daily', 'acct-2|2024-03-01|resolution', 'negative:value_usd', 'value_usd is negative (-3.25)'],
];

async function load(dialect: Dialect, statements: string[]): Promise<Warehouse> {
  if (dialect === 'duckdb') {
    const wh = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:' });
    for (const sql of statements) await wh.connection.run(sql);
    return wh;
  }
  const url = await testDatabaseUrl('validation');
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const sql of statements) await client.query(sql);
  await client.end();
  return openWarehouse(parseWarehouseUrl(url));
}

/** The report without what legitimately differs between dialects: the source type names. */
function portable(report: ValidationReport): unknown {
  const models = Object.fromEntries(Object.entries(report.models).map(([m, v]) => [m, { ...v, sourceTypes: Object.keys(v.sourceTypes) }]));
  return { ...report, models };
}

/** Filled as each dialect's suite runs (jest runs describe blocks of a file in order). */
const reports: Partial<Record<Dialect, ValidationReport>> = {};

describe.each<Dialect>(['duckdb', 'postgres'])('validateWarehouse on %s', (dialect) => {
  let wh: Warehouse;
  let report: ValidationReport;

  beforeAll(async () => {
    wh = await load(dialect, FIXTURE);
    report = await validateWarehouse(wh, { today: TODAY });
    reports[dialect] = report;
  });
  afterAll(() => wh?.close());

  it('reports every bad row with model, key, reason', () => {
    expect(report.rejected.map((r) => [r.model, r.key, r.code, r.reason])).toEqual(EXPECTED);
    expect(report.truncated).toBe(false);
  });

  it('counts rows and reasons per model', () => {
    const { accounts, usage_daily, active_users_daily, commitments, outcomes_daily } = report.models;
    expect([accounts.rows, accounts.rejected]).toEqual([7, 5]);
    expect([usage_daily.rows, usage_daily.rejected]).toEqual([17, 11]);
    expect(usage_daily.byReason).toEqual({
      'negative:units': 2, 'negative:cost_usd': 1, 'null:units': 1, 'null:use_case': 1, 'future_date:day': 1,
      unknown_account: 1, rejected_account: 2, duplicate_key: 2,
    });
    expect(usage_daily.duplicates).toEqual({ count: 1, keys: [['acct-2', '2024-03-05', 'chat', 'sales']] });
    expect([active_users_daily.rows, active_users_daily.rejected]).toEqual([10, 7]);
    expect([commitments.rows, commitments.rejected]).toEqual([4, 2]);
    expect([outcomes_daily.rows, outcomes_daily.rejected]).toEqual([4, 3]);
    expect(accounts.missingOptionalColumns).toEqual(['hubspot_company_id', 'salesforce_account_id']);
  });

  it('gives clean CTEs holding exactly the good rows, typed', async () => {
    const { sql, present } = await cleanModelCtes(wh, report);
    expect([...present]).toEqual(['accounts', 'usage_daily', 'active_users_daily', 'commitments', 'outcomes_daily']);
    const q = (body: string) => wh.all(`with ${sql} ${body}`);
    const [usage] = await q('select count(*) as n, round(cast(sum(cost_usd) as numeric), 2) as cost, max(day) as last from m_usage_daily');
    // 2024-06-20 and 2024-06-30 lie after any as-of in March but not after today: kept.
    expect(usage).toEqual({ n: 6, cost: 5.6, last: '2024-06-30' });
    expect(await q('select account_id, contract_start, hubspot_company_id from m_accounts order by account_id')).toEqual([
      { account_id: 'acct-1', contract_start: '2024-01-01', hubspot_company_id: null },
      { account_id: 'acct-2', contract_start: '2024-02-01', hubspot_company_id: null },
    ]);
    expect(await q('select account_id, day, dau, mau from m_active_users_daily order by account_id, day')).toEqual([
      { account_id: 'acct-1', day: '2024-03-01', dau: 3, mau: 10 },
      { account_id: 'acct-2', day: '2024-02-29', dau: 2, mau: 4 },
      { account_id: 'acct-2', day: '2024-03-01', dau: 2, mau: 4 },
    ]);
    expect(await q('select count(*) as n from m_commitments')).toEqual([{ n: 2 }]);
    expect(await q('select account_id, outcome, "count", value_usd from m_outcomes_daily')).toEqual([
      { account_id: 'acct-2', outcome: 'qualified_lead', count: 2, value_usd: 10 },
    ]);
  });

  it('keeps counts exact when the detail is truncated', async () => {
    const small = await validateWarehouse(wh, { today: TODAY, detailLimit: 2 });
    expect(small.truncated).toBe(true);
    expect(small.models.usage_daily).toMatchObject({ rejected: 11, detailKept: 2, detailTruncated: true });
    expect(small.rejected.filter((r) => r.model === 'usage_daily')).toHaveLength(2);
  });

  if (dialect === 'postgres') {
    it('gives the same report as DuckDB', () => {
      expect(reports.duckdb).toBeDefined();
      expect(portable(report)).toEqual(portable(reports.duckdb as ValidationReport));
    });
  }
});
