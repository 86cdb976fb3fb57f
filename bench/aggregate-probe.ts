/**
 * Scratch timing probe for the aggregate pushdown (not part of the product):
 *   npx tsc -p tsconfig.build.json && node dist/bench/aggregate-probe.js [accounts...]
 * Builds synthetic DuckDB warehouses in /tmp with pure SQL (once; reused while the file exists), then,
 * in one child process per size, times the bare `sum(cost_usd) group by account_id` and
 * streamAggregates in the same run, and reports the ratio and peak RSS (VmHWM).
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { streamAggregates } from '../src/warehouse/aggregate';
import { openDuckDb } from '../connectors/warehouse/duckdb';
import { MODEL_NAMES } from '../src/domain/contract';

const DIR = '/tmp/pulse-aggregate-probe';
const AS_OF = '2024-02-20';
const CTES = `m_accounts as (select * from accounts),
  m_usage_daily as not materialized (select * from usage_daily),
  m_active_users_daily as (select * from active_users_daily),
  m_commitments as (select * from commitments),
  m_outcomes_daily as (select * from outcomes_daily)`;

/**
 * Synthetic warehouse, pure SQL, deterministic (hash-based "random"): every account has 3 cells ×
 * 450 days of usage (rows written in account_id, day order, as a warehouse export would), weekday
 * seasonality, a per-account scale and price, a third cell that starts late for some accounts; half
 * the accounts have a target near their typical daily units, 60% a commitment (some exhausted),
 * 40% outcomes, 80% active users.
 */
function generatorSql(n: number, asOf: string): string[] {
  const t = `date '${asOf}'`;
  const h = (args: string, mod: number): string => `(hash(${args}) % ${mod})::bigint`;
  return [
    `create table accounts as select 'acct-' || lpad(i::varchar, 6, '0') as account_id, 'Account ' || i as name,
       'a' || i || '.example' as domain, (['enterprise','mid_market','smb','public sector'])[1 + ${h("i, 'seg'", 4)}] as segment,
       'software' as industry,
       case when ${h("i, 'new'", 100)} < 15 then ${t} - ${h("i, 'cs'", 450)}::int else ${t} - 450 - ${h("i, 'cs'", 600)}::int end as contract_start,
       case when ${h("i, 'lic'", 5)} > 0 then (20 + ${h("i, 'lic2'", 400)})::integer end as licensed_users,
       case when ${h("i, 'bud'", 3)} = 0 then (1000 + ${h("i, 'bud2'", 20000)})::double end as monthly_budget_usd,
       case when ${h("i, 'tgt'", 2)} = 0 then ((500 + ${h("i, 'scale'", 5000)}) * 3 * (0.6 + ${h("i, 'tgt2'", 80)} / 100.0))::double end as target_daily_units,
       case when ${h("i, 'ot'", 3)} = 0 then (100 + ${h("i, 'ot2'", 900)})::double end as outcome_target_monthly,
       'csm' || (i % 20) || '@vendor.example' as owner_email, null::varchar as hubspot_company_id, null::varchar as salesforce_account_id
     from range(${n}) r(i) order by 1`,
    `create table usage_daily as
     select 'acct-' || lpad(a::varchar, 6, '0') as account_id, ${t} - 449 + d::int as day,
       (['chat','search','agent','summarize','extract','classify'])[1 + ${h("a, k, 'uc'", 6)}] || k as use_case,
       (['support','sales','eng','ops'])[1 + ${h("a, k, 'team'", 4)}] as team,
       case when k = 2 and d < ${h("a, 'late'", 900)} then 0 else
         round((500 + ${h("a, 'scale'", 5000)}) * (0.5 + ${h('a, d, k', 1000)} / 1000.0) * (case when (d + ${h("a, 'wd'", 7)}) % 7 < 2 then 0.6 else 1 end)) end::double as units,
       round((case when k = 2 and d < ${h("a, 'late'", 900)} then 0 else
         round((500 + ${h("a, 'scale'", 5000)}) * (0.5 + ${h('a, d, k', 1000)} / 1000.0) * (case when (d + ${h("a, 'wd'", 7)}) % 7 < 2 then 0.6 else 1 end)) end)
         * (0.002 + ${h("a, 'price'", 80)} / 10000.0), 2)::double as cost_usd
     from range(${n}) ra(a), range(450) rd(d), range(3) rk(k) order by a, d, k`,
    `create table commitments as
     select account_id, ${t} - ${h("account_id, 'ps'", 300)}::int - 365 * p::int as period_start,
       ${t} - ${h("account_id, 'ps'", 300)}::int - 365 * p::int + 364 as period_end,
       round(3 * (500 + ${h("substr(account_id, 6)::bigint, 'scale'", 5000)}) * 0.006 * 365 * (0.5 + ${h("account_id, 'cm'", 100)} / 100.0))::double as committed_usd
     from accounts, range(2) rp(p) where ${h("account_id, 'has_c'", 10)} < 6 order by 1, 2`,
    `create table outcomes_daily as
     select account_id, day, 'resolution' as outcome, floor(units / 1000)::double as count, floor(units / 1000) * (2 + ${h("account_id, 'val'", 10)})::double as value_usd
     from (select account_id, day, sum(units) as units from usage_daily where ${h("account_id, 'has_o'", 10)} < 4 group by all) u order by 1, 2`,
    `create table active_users_daily as
     select account_id, day, (5 + ${h('account_id, day', 40)})::integer as dau, (60 + ${h("account_id, 'mau'", 40)})::integer as mau
     from (select distinct account_id, day from usage_daily where ${h("account_id, 'has_u'", 10)} < 8) u order by 1, 2`,
    'checkpoint',
  ];
}

const pathFor = (accounts: number): string => `${DIR}/w${accounts}.duckdb`;

async function build(accounts: number): Promise<void> {
  if (existsSync(pathFor(accounts))) return;
  mkdirSync(DIR, { recursive: true });
  const started = Date.now();
  const instance = await DuckDBInstance.create(pathFor(accounts));
  const connection = await instance.connect();
  for (const sql of generatorSql(accounts, AS_OF)) await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
  console.log(`built ${pathFor(accounts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  const started = process.hrtime.bigint();
  const rows = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows };
}

/** Child: one size, bare and aggregates interleaved so load from other processes hits both alike. */
async function measure(accounts: number): Promise<void> {
  const wh = await openDuckDb({ path: pathFor(accounts), displayUrl: `duckdb:${pathFor(accounts)}` });
  const bare = async (): Promise<number> => {
    let n = 0;
    for await (const chunk of wh.stream('select account_id, sum(cost_usd) from usage_daily group by account_id', [], 1000)) n += chunk.length;
    return n;
  };
  const aggregates = async (): Promise<number> => {
    let n = 0;
    const opts = { ctes: CTES, present: new Set(MODEL_NAMES), asOf: AS_OF, meaningful: { default: { units_min: 1, target_share: 0.1 }, segments: {} } };
    for await (const chunk of streamAggregates(wh, opts)) n += chunk.length;
    return n;
  };
  await bare(); // warm the buffer pool so neither side pays for the first read from disk
  const bareMs: number[] = [];
  const aggMs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    bareMs.push((await timed(bare)).ms);
    const a = await timed(aggregates);
    aggMs.push(a.ms);
    rows = a.rows;
  }
  await wh.close();
  const best = (xs: number[]): number => Math.min(...xs);
  process.send?.({ accounts, rows, bare: best(bareMs), agg: best(aggMs), peakRssMb: peakRssMb() });
}

interface Result {
  accounts: number;
  rows: number;
  bare: number;
  agg: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return measure(Number(process.argv[3]));
  const sizes = process.argv.slice(2).map(Number);
  const list = sizes.length > 0 ? sizes : [5000, 20000];
  for (const n of list) await build(n);
  const results: Result[] = [];
  for (const n of list) {
    results.push(
      await new Promise<Result>((resolve, reject) => {
        const child = fork(__filename, ['--child', String(n)]);
        child.once('message', (m) => resolve(m as Result));
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`child exited with ${code}`))));
      }),
    );
  }
  for (const r of results) {
    console.log(
      `${r.accounts} accounts: bare ${r.bare.toFixed(0)} ms, aggregates ${r.agg.toFixed(0)} ms, ratio ${(r.agg / r.bare).toFixed(2)}, ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.rows} accounts out)`,
    );
  }
  if (results.length >= 2) {
    const [small, large] = [results[0] as Result, results[results.length - 1] as Result];
    console.log(`peak RSS ${large.accounts} / ${small.accounts}: ${(large.peakRssMb / small.peakRssMb).toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
