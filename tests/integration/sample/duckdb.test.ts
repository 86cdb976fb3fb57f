import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample, SAMPLE_TABLES, writeDuckDb } from '../../../sample-data';
import { isPulseError } from '../../../src/errors';
import { queryDuckDbFile } from '../../support/duckdb-file';

const OPTIONS = { accounts: 60, days: 200, seed: 3, asOf: '2025-03-31' };

describe('writeDuckDb', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sample-duckdb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every model as a typed table, with the rows the generator yields', async () => {
    const path = join(dir, 'a.duckdb');
    // Small chunks so that several CSV chunks are loaded, in order.
    const summary = await writeDuckDb(path, { ...OPTIONS, chunkAccounts: 7 });
    const expected = { accounts: 0, usage_daily: 0, active_users_daily: 0, commitments: 0, outcomes_daily: 0, sample_archetypes: 0 };
    for (const s of generateSample(OPTIONS)) {
      expected.accounts++;
      expected.sample_archetypes++;
      expected.usage_daily += s.usage.length;
      expected.active_users_daily += s.activeUsers.length;
      expected.commitments += s.commitments.length;
      expected.outcomes_daily += s.outcomes.length;
    }
    expect(summary.rows).toEqual(expected);
    for (const table of SAMPLE_TABLES) {
      const [row] = await queryDuckDbFile(path, `SELECT count(*) AS n FROM ${table}`);
      expect([table, Number(row?.n)]).toEqual([table, expected[table]]);
    }
    const types = await queryDuckDbFile(path, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'usage_daily' ORDER BY ordinal_position");
    expect(types.map((t) => `${String(t.column_name)}:${String(t.data_type)}`)).toEqual([
      'account_id:VARCHAR', 'day:DATE', 'use_case:VARCHAR', 'team:VARCHAR', 'units:DOUBLE', 'cost_usd:DOUBLE',
    ]);
    // Nulls survive the CSV path as NULL, not as empty strings.
    const [nulls] = await queryDuckDbFile(path, 'SELECT count(*) FILTER (WHERE salesforce_account_id IS NULL) AS sf, count(*) FILTER (WHERE salesforce_account_id = \'\') AS empty FROM accounts');
    expect(Number(nulls?.sf)).toBeGreaterThan(0);
    expect(Number(nulls?.empty)).toBe(0);
  });

  it('stores usage in account_id order and the same sums as the row objects', async () => {
    const path = join(dir, 'b.duckdb');
    await writeDuckDb(path, { ...OPTIONS, chunkAccounts: 9 });
    const ids = (await queryDuckDbFile(path, 'SELECT account_id FROM usage_daily')).map((r) => String(r.account_id));
    expect(ids).toEqual([...ids].sort());
    const stored = await queryDuckDbFile(path, 'SELECT account_id, round(sum(cost_usd), 2) AS cost, sum(units) AS units FROM usage_daily GROUP BY 1 ORDER BY 1');
    const generated = [...generateSample(OPTIONS)]
      .filter((s) => s.usage.length > 0)
      .map((s) => ({ account_id: s.account.account_id, cost: Math.round(s.usage.reduce((a, u) => a + u.cost_usd, 0) * 100) / 100, units: s.usage.reduce((a, u) => a + u.units, 0) }));
    expect(stored.map((r) => ({ account_id: r.account_id, cost: Number(r.cost), units: Number(r.units) }))).toEqual(generated);
  });

  it('writes identical data for identical options', async () => {
    const [p1, p2] = [join(dir, 'c1.duckdb'), join(dir, 'c2.duckdb')];
    await writeDuckDb(p1, OPTIONS);
    await writeDuckDb(p2, OPTIONS);
    for (const table of SAMPLE_TABLES) {
      const digest = `SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY rowid)) AS h FROM ${table} t`;
      expect((await queryDuckDbFile(p1, digest))[0]?.h).toEqual((await queryDuckDbFile(p2, digest))[0]?.h);
    }
  });

  it('refuses to overwrite an existing file unless asked to replace it', async () => {
    const path = join(dir, 'd.duckdb');
    writeFileSync(path, 'not a warehouse');
    const error = await writeDuckDb(path, OPTIONS).catch((e: unknown) => e);
    expect(isPulseError(error) && error.code).toBe('SAMPLE_DATA_FAILED');
    await writeDuckDb(path, { ...OPTIONS, replace: true });
    const [row] = await queryDuckDbFile(path, 'SELECT count(*) AS n FROM accounts');
    expect(Number(row?.n)).toBe(OPTIONS.accounts);
  });
});
