import { openDuckDb, type DuckDbWarehouse } from '../../../connectors/warehouse/duckdb';
import type { Warehouse } from '../../../src/warehouse/port';
import { openCsvDirInBothEngines } from '../../support/load-fixture';

const PER_ACCOUNT = `
  select account_id, round(sum(cost_usd)::numeric, 2) as cost, sum(units) as units, count(*) as n,
         min(day) as first_day, max(day) as last_day
  from usage_daily group by account_id order by account_id`;

describe('warehouse connectors on the signal examples', () => {
  let duck: DuckDbWarehouse;
  let pg: Warehouse;

  beforeAll(async () => {
    ({ duck, pg } = await openCsvDirInBothEngines('connectors'));
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
  });

  it('gives identical per-account aggregates through DuckDB and PostgreSQL', async () => {
    const fromDuck = await duck.all(PER_ACCOUNT);
    const fromPg = await pg.all(PER_ACCOUNT);
    expect(fromDuck).toHaveLength(20); // 4 of the 24 accounts have no usage yet
    expect(fromPg).toEqual(fromDuck);
    expect(fromDuck[0]).toMatchObject({ account_id: 'acct-0000', first_day: '2024-02-13' });
  });

  it('streams in chunks no larger than asked', async () => {
    for (const wh of [duck, pg]) {
      const sizes: number[] = [];
      for await (const chunk of wh.stream('select account_id, day from usage_daily order by account_id, day', [], 1000)) sizes.push(chunk.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(14187);
    }
  });

  it('binds positional parameters the same way in both dialects', async () => {
    const sql = 'select count(*) as n from usage_daily where account_id = $1 and day <= $2::date';
    const a = await duck.all(sql, ['acct-0001', '2024-02-20']);
    const b = await pg.all(sql, ['acct-0001', '2024-02-20']);
    expect(b).toEqual(a);
    expect(Number(a[0]?.n)).toBeGreaterThan(0);
  });

  it('resolves model tables, and reports a missing optional model as absent', async () => {
    expect(await duck.modelSource('usage_daily')).toBe('"usage_daily"');
    expect(await pg.modelSource('usage_daily')).toBe('"usage_daily"');
    const bare = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:' });
    await bare.connection.run('create table accounts (account_id text)');
    await bare.connection.run('create table usage_daily (account_id text)');
    expect(await bare.modelSource('outcomes_daily')).toBeNull();
    await bare.connection.run('drop table usage_daily');
    await expect(bare.modelSource('usage_daily')).rejects.toThrow(/warehouse.models.usage_daily: table usage_daily not found/);
    await bare.close();
  });
});
