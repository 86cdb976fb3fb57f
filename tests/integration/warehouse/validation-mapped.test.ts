import { Client } from 'pg';
import { openWarehouse } from '../../../connectors/warehouse';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import type { Dialect, Warehouse } from '../../../src/warehouse/port';
import { cleanModelCtes, validateWarehouse, type KeptValidation, type ValidationKeeper, type ValidationReport } from '../../../src/warehouse/validation';
import { planModel, rowChecks } from '../../../src/warehouse/validation/model-plan';
import { checkDay } from '../../../src/warehouse/validation/sql';
import { recordingWarehouse } from '../../support/recording-warehouse';
import { testDatabaseUrl } from '../../support/test-database';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';
import type { ModelMapping } from '../../../src/warehouse/model-sources';

/**
 * Models read through mapped queries over loosely typed raw tables: all-text usage, and users
 * with a TIMESTAMP day, a BIGINT dau and a DOUBLE mau. Today is 2024-06-30.
 */
const TODAY = '2024-06-30';
const FIXTURE = [
  `create table accounts (account_id text, name text, domain text, segment text, industry text, contract_start date, licensed_users integer,
     monthly_budget_usd double precision, target_daily_units double precision, outcome_target_monthly double precision, owner_email text,
     hubspot_company_id text, salesforce_account_id text)`,
  `insert into accounts (account_id, contract_start) values ('acct-1', '2024-01-01')`,
  `create table raw_usage (acct text, d text, uc text, tm text, u text, c text)`,
  `insert into raw_usage values
     ('acct-1', '2024-03-02', 'chat', 'support', '1e1', '.75'), ('acct-1', '2024-03-06', 'search', 'support', '2', '0.25'),
     ('acct-1', '2024-03-01', 'chat', 'support', '10', '1.25'), ('acct-1', '2024-03-01 ', 'chat', 'support', '1', '1'),
     ('acct-1', '2024-02-30', 'chat', 'support', '1', '1'), ('acct-1', '20240305', 'chat', 'support', '1', '1'),
     ('acct-1', '2024-03-03', 'chat', 'support', 'abc', '1'), ('acct-1', '2024-03-04', 'chat', 'support', '1', '-0.5'),
     ('acct-1', '2024-03-07', 'chat', 'support', '1', '1e999')`,
  `create table raw_users (account_id text, day date, dau integer, mau double precision)`,
  `insert into raw_users values ('acct-1', '2024-03-01', 3, 10), ('acct-1', '2024-03-02', 3, 2.5), ('acct-1', '2024-03-03', 3, 3e9)`,
];

const MAPPING: ModelMapping = {
  usage_daily: 'select acct as account_id, d as day, uc as use_case, tm as team, u as units, c as cost_usd from raw_usage',
  active_users_daily: 'select account_id, cast(day as timestamp) as day, cast(dau as bigint) as dau, mau from raw_users;',
};

async function load(dialect: Dialect, statements: string[], mapping: ModelMapping): Promise<Warehouse> {
  if (dialect === 'duckdb') {
    const wh = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:', mapping });
    for (const sql of statements) await wh.connection.run(sql);
    return wh;
  }
  const url = await testDatabaseUrl('validation_mapped');
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const sql of statements) await client.query(sql);
  await client.end();
  return openWarehouse(parseWarehouseUrl(url), { mapping });
}

describe.each<Dialect>(['duckdb', 'postgres'])('validation of mapped model queries on %s', (dialect) => {
  let wh: Warehouse;
  let report: ValidationReport;

  beforeAll(async () => {
    wh = await load(dialect, FIXTURE, MAPPING);
    report = await validateWarehouse(wh, { today: TODAY });
  });
  afterAll(() => wh?.close());

  it('checks text columns of a mapped query by value', () => {
    expect(report.rejected.filter((r) => r.model === 'usage_daily').map((r) => [r.key, r.reason])).toEqual([
      ['acct-1|2024-02-30|chat|support', 'day "2024-02-30" is not a valid date'],
      // ' 2024-03-01 ' and '2024-03-01' are the same day once read: a duplicate key.
      ['acct-1|2024-03-01|chat|support', 'duplicate key: 2 rows share (account_id, day, use_case, team)'],
      ['acct-1|2024-03-01|chat|support', 'duplicate key: 2 rows share (account_id, day, use_case, team)'],
      ['acct-1|2024-03-03|chat|support', 'units "abc" is not a number'],
      ['acct-1|2024-03-04|chat|support', 'cost_usd is negative (-0.5)'],
      ['acct-1|2024-03-07|chat|support', 'cost_usd "1e999" is not a number'],
      ['acct-1|20240305|chat|support', 'day "20240305" is not a valid date'],
    ]);
    expect(report.models.usage_daily).toMatchObject({ rows: 9, rejected: 7 });
  });

  it('reads timestamps as days and checks wide or fractional integers', () => {
    expect(report.rejected.filter((r) => r.model === 'active_users_daily').map((r) => [r.key, r.reason])).toEqual([
      ['acct-1|2024-03-02 00:00:00', 'mau 2.5 is not an integer'],
      ['acct-1|2024-03-03 00:00:00', 'mau 3000000000 is out of range for an integer'],
    ]);
  });

  it('gives clean CTEs with the good rows, typed, also when duplicates are excluded by grouping', async () => {
    const sum = 'select count(*) as n, sum(units) as units, sum(cost_usd) as cost from m_usage_daily';
    const { sql } = await cleanModelCtes(wh, report);
    expect(await wh.all(`with ${sql} ${sum}`)).toEqual([{ n: 2, units: 12, cost: 1 }]);
    expect(await wh.all(`with ${sql} select day, dau, mau from m_active_users_daily`)).toEqual([{ day: '2024-03-01', dau: 3, mau: 10 }]);
    // A report that holds fewer duplicated keys than it counts makes the CTE find them in SQL.
    const usage = { ...report.models.usage_daily, duplicates: { count: 1, keys: [] } };
    const grouped = await cleanModelCtes(wh, { ...report, models: { ...report.models, usage_daily: usage } });
    expect(grouped.sql).toContain('group by');
    expect(await wh.all(`with ${grouped.sql} ${sum}`)).toEqual([{ n: 2, units: 12, cost: 1 }]);
  });

  it('gives the same report from a kept one as from every row, through the queries it wraps', async () => {
    let stored: KeptValidation | null = null;
    const keeper: ValidationKeeper = { load: async () => stored, save: async (k) => void (stored = JSON.parse(JSON.stringify(k)) as KeptValidation) };
    expect(await validateWarehouse(wh, { today: TODAY, kept: { keeper, full: false } })).toEqual(report);
    expect(stored).toMatchObject({ through: '2024-06-28', models: { usage_daily: { validation: { rows: 7 } }, active_users_daily: { validation: { rows: 3 } } } });
    const { wh: recorded, statements } = recordingWarehouse(wh);
    const later = await validateWarehouse(recorded, { today: '2024-07-03', kept: { keeper, full: false } });
    expect(later).toEqual(await validateWarehouse(wh, { today: '2024-07-03' }));
    // The warehouse is unchanged, so only rows without a valid day (usage's two bad dates) are grouped again, through the mapped query.
    const preChecks = statements.filter((sql) => sql.includes('group by pulse_r') && /raw_(usage|users)/.test(sql));
    expect(preChecks).toHaveLength(1);
    expect(preChecks[0]).toContain('raw_usage');
    expect(preChecks[0]).toContain(') as s where not coalesce(');
  });
});

describe.each<Dialect>(['duckdb', 'postgres'])('a model source without a required column on %s', (dialect) => {
  it('stops with an error naming the model, the missing columns and what was found', async () => {
    const wh = await load(
      dialect,
      [...FIXTURE.slice(0, 2), 'create table usage_daily (account_id text, day date, use_case text, units double precision)'],
      {},
    );
    try {
      await expect(validateWarehouse(wh, { today: TODAY })).rejects.toMatchObject({
        code: 'WAREHOUSE_MODEL_MISSING',
        place: 'warehouse.models.usage_daily',
        message: expect.stringContaining('lacks the column(s) team, cost_usd; found account_id, day, use_case, units'),
      });
    } finally {
      await wh.close();
    }
  });
});

describe.each<Dialect>(['duckdb', 'postgres'])('the text date check on %s', (dialect) => {
  it('accepts exactly the real calendar days, as JavaScript does', async () => {
    const candidates: string[] = [];
    for (const year of ['1900', '2000', '2023', '2024', '0001']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) candidates.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
    }
    candidates.push('0000-01-01', '2024-1-01', '2024-01-01T00:00', 'yesterday', '', ' 2024-01-01');
    const valid = (d: string): boolean => {
      try {
        return checkDay(d.trim(), 'x') !== '' && !d.startsWith('0000');
      } catch {
        return false;
      }
    };
    const plan = planModel({ model: 'active_users_daily', sourceTypes: { account_id: 'text', day: 'text', dau: 'text', mau: 'text' }, dialect, today: TODAY });
    const cond = rowChecks(plan).find((c) => c.key === 'bad_date:day')?.cond;
    const wh = await load(dialect, ['create table dates (day text)', `insert into dates values ${candidates.map((d) => `('${d}')`).join(', ')}`], {});
    try {
      const bad = await wh.all(`select s.day from dates as s where ${cond}`);
      expect(new Set(bad.map((r) => r.day))).toEqual(new Set(candidates.filter((d) => !valid(d))));
    } finally {
      await wh.close();
    }
  });
});
