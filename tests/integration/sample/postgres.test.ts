import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SAMPLE_TABLES, writeDuckDb, writePostgres } from '../../../sample-data';
import { isPulseError } from '../../../src/errors';
import { queryDuckDbFile } from '../../support/duckdb-file';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

const OPTIONS = { accounts: 40, days: 160, seed: 11, asOf: '2024-03-01' };
const PER_ACCOUNT = 'SELECT account_id, round(sum(cost_usd)::numeric, 2)::text AS cost, sum(units)::text AS units, count(*)::text AS n FROM usage_daily GROUP BY 1 ORDER BY 1';

describe('writePostgres', () => {
  let url = '';
  let client: Client;
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sample-pg-'));

  beforeAll(async () => {
    url = await testDatabaseUrl('sample_writer');
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same data as the DuckDB writer: counts per table, sums per account', async () => {
    const summary = await writePostgres(url, { ...OPTIONS, schema: 'sample_same', batchRows: 1500 });
    const duck = join(dir, 'same.duckdb');
    const duckSummary = await writeDuckDb(duck, OPTIONS);
    expect(summary.rows).toEqual(duckSummary.rows);
    for (const table of SAMPLE_TABLES) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM sample_same.${table}`);
      expect([table, Number(rows[0]?.n)]).toEqual([table, duckSummary.rows[table]]);
    }
    await client.query('SET search_path TO sample_same');
    const pg = (await client.query<Record<string, string>>(PER_ACCOUNT)).rows;
    const dk = (await queryDuckDbFile(duck, PER_ACCOUNT.replace(/::numeric/g, '::DECIMAL(18,2)'))).map((r) => ({
      account_id: String(r.account_id), cost: Number(r.cost).toFixed(2), units: Number(r.units), n: Number(r.n),
    }));
    expect(pg.map((r) => ({ account_id: r.account_id, cost: Number(r.cost).toFixed(2), units: Number(r.units), n: Number(r.n) }))).toEqual(dk);
    expect(pg.length).toBeGreaterThan(30);
    // Typed columns: dates are dates, money is double precision.
    const { rows: types } = await client.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'sample_same' AND table_name = 'accounts' ORDER BY ordinal_position",
    );
    expect(types.find((t) => t.column_name === 'contract_start')?.data_type).toBe('date');
    expect(types.find((t) => t.column_name === 'monthly_budget_usd')?.data_type).toBe('double precision');
    expect(types.find((t) => t.column_name === 'licensed_users')?.data_type).toBe('integer');
  });

  it('keeps each schema to itself and replaces only when asked', async () => {
    await writePostgres(url, { ...OPTIONS, accounts: 5, schema: 'sample_a' });
    await writePostgres(url, { ...OPTIONS, accounts: 8, schema: 'sample_b' });
    const count = async (schema: string): Promise<number> => Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${schema}.accounts`)).rows[0]?.n);
    expect([await count('sample_a'), await count('sample_b')]).toEqual([5, 8]);
    const error = await writePostgres(url, { ...OPTIONS, accounts: 3, schema: 'sample_a' }).catch((e: unknown) => e);
    expect(isPulseError(error) && error.code).toBe('SAMPLE_DATA_FAILED');
    expect(await count('sample_a')).toBe(5);
    await writePostgres(url, { ...OPTIONS, accounts: 3, schema: 'sample_a', replace: true });
    expect(await count('sample_a')).toBe(3);
  });

  it('pulse sample-data --to refuses to load over a sample, and --replace replaces it', async () => {
    const target = await testDatabaseUrl('sample_cli_replace');
    const accounts = async (): Promise<number> => {
      const c = new Client({ connectionString: target });
      await c.connect();
      try {
        return Number((await c.query<{ n: string }>('SELECT count(*)::text AS n FROM public.accounts')).rows[0]?.n);
      } finally {
        await c.end();
      }
    };
    const load = (n: number, ...rest: string[]) => runCli(['sample-data', '--to', target, '--accounts', String(n), '--days', '120', '--as-of', '2024-03-01', ...rest]);
    expect((await load(5)).code).toBe(0);
    const refused = await load(3);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/schema public already holds accounts, usage_daily/);
    expect(refused.stderr).toMatch(/nothing was written/);
    expect(refused.stderr).toMatch(/--replace/);
    expect(await accounts()).toBe(5);
    const replaced = await load(3, '--replace');
    expect(replaced.stderr).toBe('');
    expect(replaced.code).toBe(0);
    expect(await accounts()).toBe(3);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    const error = await writePostgres(url, { ...OPTIONS, schema: 'x; drop table y' }).catch((e: unknown) => e);
    expect(isPulseError(error) && error.code).toBe('IDENTIFIER_INVALID');
  });
});
