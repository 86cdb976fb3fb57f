import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { streamAggregates, type AggregateOptions } from '../../../connectors/warehouse/aggregate';
import { openDuckDb, type DuckDbWarehouse } from '../../../connectors/warehouse/duckdb';
import { openWarehouse } from '../../../connectors/warehouse';
import type { Warehouse } from '../../../connectors/warehouse/types';
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { MODEL_NAMES } from '../../../src/domain/contract';
import { loadCsvDirIntoDuckDb, loadCsvDirIntoPostgres } from '../../support/load-fixture';
import { testDatabaseUrl } from '../../support/test-database';

/** Stand-ins for the validated model CTEs: the tables themselves. Usage is read twice, so it is never materialized. */
const CTES = `m_accounts as (select * from accounts),
  m_usage_daily as not materialized (select * from usage_daily),
  m_active_users_daily as (select * from active_users_daily),
  m_commitments as (select * from commitments),
  m_outcomes_daily as (select * from outcomes_daily)`;

const OPTIONS: AggregateOptions = {
  ctes: CTES,
  present: new Set(MODEL_NAMES),
  asOf: '2024-02-20',
  meaningful: { default: { units_min: 1, target_share: 0.1 }, segments: {} },
};

async function collect(wh: Warehouse, opts: AggregateOptions = OPTIONS): Promise<AccountAggregates[]> {
  const out: AccountAggregates[] = [];
  for await (const chunk of streamAggregates(wh, opts)) out.push(...chunk);
  return out;
}

describe('streamAggregates on the signal examples', () => {
  let duck: DuckDbWarehouse;
  let pg: Warehouse;

  beforeAll(async () => {
    duck = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:' });
    await loadCsvDirIntoDuckDb(duck.connection);
    const url = await testDatabaseUrl('aggregate');
    const client = new Client({ connectionString: url });
    await client.connect();
    await loadCsvDirIntoPostgres(client);
    await client.end();
    pg = await openWarehouse(url);
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
  });

  it('runs', async () => {
    const a = await collect(duck);
    writeFileSync('/tmp/agg/duck.json', JSON.stringify(a, null, 1));
    const b = await collect(pg);
    writeFileSync('/tmp/agg/pg.json', JSON.stringify(b, null, 1));
    expect(b).toEqual(a);
  });
});
