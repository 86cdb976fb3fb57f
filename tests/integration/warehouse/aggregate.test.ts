import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { streamAggregates, type AggregateOptions } from '../../../src/warehouse/aggregate';
import type { DuckDbWarehouse } from '../../../connectors/warehouse/duckdb';
import type { Warehouse } from '../../../src/warehouse/port';
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { MODEL_NAMES } from '../../../src/domain/contract';
import { EXAMPLES_DIR, openCsvDirInBothEngines } from '../../support/load-fixture';

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

type Expected = Record<string, number | string | null>;
const EXPECTED = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'expected.json'), 'utf8')) as Expected[];
const days = (from: string, to: string | null): number | null => (to === null ? null : (Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Signal figures that are a plain function of one aggregate, recomputed here to compare with expected.json. */
function readBack(a: AccountAggregates): Expected {
  const tenure = days(a.account.contract_start, a.as_of) as number;
  const { r0, r1, base, intensity, team_expansion, use_case_expansion } = a.nrr;
  const nrrOk = tenure >= 455 && r0 > 0;
  // v1.1: time to value is unknown for a contract that predates the warehouse's history.
  const known = a.history_start === null || a.account.contract_start >= a.history_start;
  const c = a.commitment;
  const p = a.peer;
  return {
    spend_30d: a.spend_30d,
    spend_prev_30d: a.spend_prev_30d,
    units_30d: a.units_30d,
    mtd_spend_usd: a.mtd_spend,
    last_month_usd: a.last_month_spend,
    use_cases_30d: a.use_cases_30d,
    teams_30d: a.teams_30d,
    new_use_cases_90d: tenure < 90 ? null : a.new_use_cases_90d,
    new_teams_90d: tenure < 90 ? null : a.new_teams_90d,
    nrr_pct: nrrOk ? (r1 / r0) * 100 : null,
    base_retention_pct: nrrOk ? (base / r0) * 100 : null,
    intensity_expansion_usd: nrrOk ? intensity : null,
    team_expansion_usd: nrrOk ? team_expansion : null,
    use_case_expansion_usd: nrrOk ? use_case_expansion : null,
    commit_utilization_pct: c ? (c.consumed_usd / c.committed_usd) * 100 : null,
    ttfv_days: known ? days(a.account.contract_start, a.first_meaningful_day) : null,
    time_to_target_days: known ? days(a.account.contract_start, a.first_target_day) : null,
    time_to_roi_days: known ? days(a.account.contract_start, a.outcomes?.first_roi_day ?? null) : null,
    outcomes_30d: a.outcomes?.count_30d ?? null,
    value_usd_30d: a.outcomes?.value_30d ?? null,
    peer_percentile: p.cohort_size >= 5 ? ((p.lower + 0.5 * p.equal) / (p.cohort_size - 1)) * 100 : null,
  };
}

describe('streamAggregates on the signal examples', () => {
  let duck: DuckDbWarehouse;
  let pg: Warehouse;
  let fromDuck: AccountAggregates[];

  beforeAll(async () => {
    ({ duck, pg } = await openCsvDirInBothEngines('aggregate'));
    fromDuck = await collect(duck);
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
  });

  it('gives deep-equal aggregates through DuckDB and PostgreSQL', async () => {
    expect(fromDuck).toHaveLength(24);
    expect(await collect(pg)).toEqual(fromDuck);
  });

  it('gives the same aggregates whatever the number of accounts per statement (peers span ranges)', async () => {
    for (const accountsPerQuery of [1, 5, 7]) {
      expect(await collect(duck, { ...OPTIONS, accountsPerQuery })).toEqual(fromDuck);
    }
    expect(await collect(pg, { ...OPTIONS, accountsPerQuery: 5 })).toEqual(fromDuck);
  });

  it('leaves the PostgreSQL session as it found it (nested loops are disabled only while streaming)', async () => {
    const [before] = await pg.all('show enable_nestloop');
    for await (const chunk of streamAggregates(pg, { ...OPTIONS, chunkSize: 2 })) {
      expect(chunk).toHaveLength(2);
      break;
    }
    expect(await pg.all('show enable_nestloop')).toEqual([before]);
  });

  it('matches figures computed by hand from the CSVs (rows after T ignored)', () => {
    const byId = new Map(fromDuck.map((a) => [a.account.account_id, a]));
    expect(byId.get('acct-0000')).toMatchObject({
      spend_30d: 576.55,
      // The one row dated T (2024-02-20).
      spend_day: 109.08,
      mtd_spend: 576.55,
      last_month_spend: 0,
      weekly_spend: [498.21, 78.34, 0, 0, 0, 0, 0, 0],
      // 2024-02-13 (Tuesday) .. 2024-02-20 (Tuesday): Tuesday holds both 78.34 and 109.08.
      weekday_spend_28d: [29.07, 75.51, 187.42, 120.49, 78.73, 58.22, 27.11],
      first_meaningful_day: '2024-02-13',
      // The sales team's first rows are dated after T (2024-02-23): they must not count.
      teams_30d: 1,
      nrr: { r0: 0, r1: 576.55, base: 0, intensity: 0, team_expansion: 0, use_case_expansion: 576.55 },
      peer: { cohort_size: 6, lower: 2, equal: 0, p25: 144.1375, p75: 1413.1425 },
    });
    expect(byId.get('acct-0001')).toMatchObject({
      spend_30d: 8739.24,
      spend_prev_30d: 7107.66,
      units_30d: 1503148,
      use_cases_30d: 4,
      teams_30d: 2,
      outcomes: { count_30d: 415, value_30d: 1566.16, count_prev_30d: 347, first_roi_day: null },
      active_users: { dau_sum_28d: 0, mau_at_t: null },
    });
    expect(byId.get('acct-0002')).toMatchObject({
      first_target_day: '2023-04-23',
      commitment: { period_start: '2023-10-11', period_end: '2024-10-09', committed_usd: 130583, consumed_usd: 49596.23, reached_day: null },
      outcomes: { first_roi_day: '2023-04-22' },
    });
  });

  it('agrees with every figure of expected.json that reads back from one aggregate', () => {
    const byId = new Map(fromDuck.map((a) => [a.account.account_id, a]));
    for (const e of EXPECTED) {
      const got = readBack(byId.get(e.account_id as string) as AccountAggregates);
      for (const [field, value] of Object.entries(got)) {
        const want = e[field];
        if (typeof want === 'number' && typeof value === 'number') {
          // expected.json is rounded on output: money to cents, percentages to 0.1.
          expect({ account: e.account_id, field, diff: Math.abs(want - value) <= 0.05 }).toEqual({ account: e.account_id, field, diff: true });
        } else {
          expect({ account: e.account_id, field, value }).toEqual({ account: e.account_id, field, value: want });
        }
      }
    }
  });

  it('gives every account the warehouse history start: the first usage day over all accounts, in both engines', async () => {
    expect(new Set(fromDuck.map((a) => a.history_start))).toEqual(new Set(['2022-09-15']));
    const [fromPg] = await collect(pg, { ...OPTIONS, chunkSize: 1 });
    expect(fromPg?.history_start).toBe('2022-09-15');
  });

  it('takes the history start from the config when given, and counts no usage dated after T', async () => {
    for (const wh of [duck, pg]) {
      const configured = await collect(wh, { ...OPTIONS, historyStart: '2023-06-01' });
      expect(new Set(configured.map((a) => a.history_start))).toEqual(new Set(['2023-06-01']));
      // As of a day before any usage, the warehouse has no history yet (later rows are ignored).
      const early = await collect(wh, { ...OPTIONS, asOf: '2022-09-14' });
      expect(new Set(early.map((a) => a.history_start))).toEqual(new Set([null]));
    }
  });

  it('streams in chunks of the asked size, in account order', async () => {
    for (const wh of [duck, pg]) {
      const sizes: number[] = [];
      const ids: string[] = [];
      for await (const chunk of streamAggregates(wh, { ...OPTIONS, chunkSize: 5 })) {
        sizes.push(chunk.length);
        ids.push(...chunk.map((a) => a.account.account_id));
      }
      expect(sizes).toEqual([5, 5, 5, 5, 4]);
      expect(ids).toEqual([...ids].sort());
    }
  });
});
