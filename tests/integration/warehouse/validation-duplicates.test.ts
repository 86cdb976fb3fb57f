import { Client } from 'pg';
import { openWarehouse } from '../../../connectors/warehouse';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import type { Dialect, Warehouse } from '../../../src/warehouse/port';
import { cleanModelCtes, validateWarehouse } from '../../../src/warehouse/validation';
import { testDatabaseUrl } from '../../support/test-database';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';

/**
 * Duplicate keys are found by a per-block bitmap pre-check, then an exact search. These cases
 * cover every bit of a 64-day block, repeats spread over many accounts (more flagged groups than
 * the narrowing takes), and repeats three deep.
 */
const TODAY = '2024-12-31';
const CELLS = [['chat', 'support'], ['search', 'sales']] as const;

function day(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
}

/** 2 accounts × 2 cells × 200 consecutive days (every bit position), repeats on a seeded set of days. */
function denseRows(): { rows: string[][]; repeated: Map<string, number> } {
  const rows: string[][] = [];
  const repeated = new Map<string, number>();
  let seed = 7;
  const next = (): number => (seed = (seed * 48271) % 2147483647);
  for (const account of ['acct-a', 'acct-b']) {
    for (const [useCase, team] of CELLS) {
      for (let d = 0; d < 200; d++) {
        const row = [account, day(d), useCase, team, '1', '0.5'];
        rows.push(row);
        const copies = next() % 23 === 0 ? 1 + (next() % 2) : 0;
        for (let c = 0; c < copies; c++) rows.push(row);
        if (copies > 0) repeated.set(row.slice(0, 4).join('|'), copies + 1);
      }
    }
  }
  return { rows, repeated };
}

/** 1,100 accounts with three days each, one of them repeated: more flagged groups than the narrowing takes. */
function spreadRows(): string[][] {
  const rows: string[][] = [];
  for (let a = 0; a < 1100; a++) {
    const account = `acct-${String(a).padStart(4, '0')}`;
    for (let d = 0; d < 3; d++) rows.push([account, day(d * 40), 'chat', 'support', '1', '0.5']);
    rows.push([account, day(40), 'chat', 'support', '2', '0.5']);
  }
  return rows;
}

function statements(rows: string[][]): string[] {
  const accounts = [...new Set(rows.map((r) => r[0]))];
  const lit = (v: string | undefined): string => `'${v ?? ''}'`;
  return [
    `create table accounts (account_id text, name text, domain text, segment text, industry text, contract_start date, licensed_users integer,
       monthly_budget_usd double precision, target_daily_units double precision, outcome_target_monthly double precision, owner_email text,
       hubspot_company_id text, salesforce_account_id text)`,
    `insert into accounts (account_id, contract_start) values ${accounts.map((a) => `(${lit(a)}, '2023-01-01')`).join(', ')}`,
    'create table usage_daily (account_id text, day date, use_case text, team text, units double precision, cost_usd double precision)',
    `insert into usage_daily values ${rows.map((r) => `(${lit(r[0])}, ${lit(r[1])}, ${lit(r[2])}, ${lit(r[3])}, ${r[4]}, ${r[5]})`).join(', ')}`,
  ];
}

async function load(dialect: Dialect, sql: string[]): Promise<Warehouse> {
  if (dialect === 'duckdb') {
    const wh = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:' });
    for (const s of sql) await wh.connection.run(s);
    return wh;
  }
  const url = await testDatabaseUrl('validation_dups');
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const s of sql) await client.query(s);
  await client.end();
  return openWarehouse(parseWarehouseUrl(url));
}

describe.each<Dialect>(['duckdb', 'postgres'])('duplicate keys on %s', (dialect) => {
  it('finds every repeated key at every bit position of a block, and only those', async () => {
    const { rows, repeated } = denseRows();
    const wh = await load(dialect, statements(rows));
    try {
      const report = await validateWarehouse(wh, { today: TODAY });
      const usage = report.models.usage_daily;
      const repeatedRows = [...repeated.values()].reduce((a, b) => a + b, 0);
      expect(repeated.size).toBeGreaterThan(10);
      expect(usage.byReason).toEqual({ duplicate_key: repeatedRows });
      expect(usage.duplicates.count).toBe(repeated.size);
      expect(new Set(usage.duplicates.keys.map((k) => k.join('|')))).toEqual(new Set(repeated.keys()));
      const { sql } = await cleanModelCtes(wh, report);
      expect(await wh.all(`with ${sql} select count(*) as n from m_usage_daily`)).toEqual([{ n: 800 - repeated.size }]);
    } finally {
      await wh.close();
    }
  });

  it('finds repeats spread over more accounts than the narrowing takes', async () => {
    const wh = await load(dialect, statements(spreadRows()));
    try {
      const report = await validateWarehouse(wh, { today: TODAY, detailLimit: 100 });
      const usage = report.models.usage_daily;
      expect(usage).toMatchObject({ rows: 4400, rejected: 2200, byReason: { duplicate_key: 2200 }, detailKept: 100, detailTruncated: true });
      expect(usage.duplicates.count).toBe(1100);
      expect(usage.duplicates.keys[0]).toEqual(['acct-0000', '2024-02-10', 'chat', 'support']);
      const { sql } = await cleanModelCtes(wh, report);
      expect(await wh.all(`with ${sql} select count(*) as n from m_usage_daily`)).toEqual([{ n: 2200 }]);
    } finally {
      await wh.close();
    }
  });
});
