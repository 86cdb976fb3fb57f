import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamAggregates, type AggregateOptions } from '../../../src/warehouse/aggregate';
import type { DuckDbWarehouse } from '../../../connectors/warehouse/duckdb';
import type { Warehouse } from '../../../src/warehouse/port';
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { MODEL_NAMES, type ModelName } from '../../../src/domain/contract';
import { openCsvDirInBothEngines } from '../../support/load-fixture';

/**
 * The first-day facts (target, ROI, commitment reached, meaningful) are found by a weekly pass that
 * bounds the weeks that can hold each day, then an exact per-day pass over those weeks only
 * (src/warehouse/aggregate/sql/days.ts). This checks them against a brute-force per-calendar-day
 * reference on accounts built around the bounds: the target reached mid-week and across two weeks
 * none of which reaches it alone, ROI crossing within a week and falling back before the week ends,
 * ROI on an outcome-only day, commitments reached on a week's first and last day, gaps of days, T
 * on a Wednesday (weeks aligned to T, not to the calendar), rows after T.
 */
const T = '2024-03-13';
const START = '2023-12-20';

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Usage { day: string; units: number; cost: number }
interface Account {
  id: string;
  contractStart: string;
  target: number | null;
  usage: Usage[];
  outcomes: { day: string; value: number }[];
  commitment: { start: string; end: string; committed: number } | null;
}

const DAYS = 85;

function build(): Account[] {
  const accounts: Account[] = [];
  // Hand-made: a burst Tue..Fri across a week boundary (weeks aligned to T end on Wednesdays): the
  // 7-day mean first reaches 100 on Thursday 2024-02-15, while neither aligned week reaches 700 units.
  const straddle: Usage[] = [];
  for (let i = 0; i < DAYS; i++) {
    const day = addDays(START, i);
    const burst = day >= '2024-02-13' && day <= '2024-02-16';
    straddle.push({ day, units: burst ? 200 : 50, cost: 1 });
  }
  accounts.push({ id: 'h-straddle', contractStart: START, target: 100, usage: straddle, outcomes: [], commitment: null });
  // ROI crossing mid-week and back: cost 10/day, value 125 on day 11 (cost 120 by then), cost 130 the
  // next day; no week's end has value ≥ cost until the second outcome.
  const roiBack: Usage[] = [];
  for (let i = 0; i < DAYS; i++) roiBack.push({ day: addDays(START, i), units: 5, cost: 10 });
  accounts.push({
    id: 'h-roi-back', contractStart: START, target: null, usage: roiBack,
    outcomes: [{ day: addDays(START, 11), value: 125 }, { day: addDays(START, 60), value: 500 }], commitment: null,
  });
  const r = rng(7);
  for (let a = 0; a < 40; a++) {
    const level = 20 + Math.floor(r() * 200);
    const contractStart = addDays(START, Math.floor(r() * 10) - 3);
    const usage: Usage[] = [];
    const outcomes: { day: string; value: number }[] = [];
    const gapEvery = 2 + Math.floor(r() * 9);
    const price = 0.01 + Math.floor(r() * 50) / 1000;
    const valueRate = r() * 2.5;
    for (let i = 0; i < DAYS + 5; i++) {
      const day = addDays(START, i);
      if (i % gapEvery === 0 && r() < 0.6) continue;
      const burst = r() < 0.08 ? 2 + r() * 3 : 1;
      const rows = 1 + Math.floor(r() * 3);
      for (let k = 0; k < rows; k++) {
        const units = Math.round((level * burst * (0.4 + r())) / rows) + (r() < 0.2 ? 0.5 : 0);
        usage.push({ day, units, cost: Math.round(units * price * 100) / 100 });
      }
      if (r() < 0.3) outcomes.push({ day: r() < 0.2 ? addDays(day, 1) : day, value: Math.round(level * price * valueRate * (1 + r() * 6) * 100) / 100 });
    }
    const targetShare = [0.5, 0.8, 0.9, 1, 1.05, 1.1, 1.2, 1.4, 2][a % 9] as number;
    const total = usage.filter((u) => u.day <= T).reduce((s, u) => s + u.cost, 0);
    accounts.push({
      id: `r-${String(a).padStart(2, '0')}`,
      contractStart,
      target: a % 10 === 9 ? null : Math.round(level * targetShare),
      usage,
      outcomes,
      commitment: a % 3 === 0 ? null : { start: addDays(START, a % 14), end: addDays(T, 200), committed: Math.round(total * (0.3 + r() * 0.9)) },
    });
  }
  return accounts;
}

const exact = (usd: number): number => Math.floor(usd * 10000 + 0.5);

/** The first-day facts by definition, day by calendar day. */
function reference(a: Account): Record<string, string | null> {
  const units = new Map<string, number>();
  const cost = new Map<string, number>();
  const value = new Map<string, number>();
  for (const u of a.usage) {
    if (u.day > T) continue;
    units.set(u.day, (units.get(u.day) ?? 0) + u.units);
    cost.set(u.day, (cost.get(u.day) ?? 0) + exact(u.cost));
  }
  for (const o of a.outcomes) if (o.day <= T) value.set(o.day, (value.get(o.day) ?? 0) + exact(o.value));
  const threshold = Math.max(1, 0.1 * (a.target ?? 0));
  let meaningful: string | null = null;
  let target: string | null = null;
  let roi: string | null = null;
  let reached: string | null = null;
  let roiCost = 0;
  let roiValue = 0;
  let commitCum = 0;
  for (let day = addDays(START, -10); day <= T; day = addDays(day, 1)) {
    const u = units.get(day) ?? 0;
    if (meaningful === null && units.has(day) && u >= threshold) meaningful = day;
    if (a.target !== null && target === null && units.has(day)) {
      let sum = 0;
      for (let k = 0; k < 7; k++) sum += units.get(addDays(day, -k)) ?? 0;
      if (sum / 7 >= a.target) target = day;
    }
    if (day >= a.contractStart) {
      roiCost += cost.get(day) ?? 0;
      roiValue += value.get(day) ?? 0;
      if (roi === null && roiCost > 0 && roiValue >= roiCost) roi = day;
    }
    if (a.commitment && day >= a.commitment.start) {
      commitCum += cost.get(day) ?? 0;
      if (reached === null && commitCum >= exact(a.commitment.committed)) reached = day;
    }
  }
  return { meaningful, target, roi, reached };
}

function files(accounts: Account[]): Record<ModelName, string[]> {
  return {
    accounts: [
      'account_id,name,domain,segment,industry,contract_start,licensed_users,monthly_budget_usd,target_daily_units,outcome_target_monthly,owner_email,hubspot_company_id,salesforce_account_id',
      ...accounts.map((a) => `${a.id},${a.id},,,,${a.contractStart},,,${a.target ?? ''},,,,`),
    ],
    usage_daily: [
      'account_id,day,use_case,team,units,cost_usd',
      ...accounts.flatMap((a) => a.usage.map((u, i) => `${a.id},${u.day},uc${i % 2},team${i % 3},${u.units},${u.cost}`)),
    ],
    active_users_daily: ['account_id,day,dau,mau'],
    commitments: [
      'account_id,period_start,period_end,committed_usd',
      ...accounts.flatMap((a) => (a.commitment ? [`${a.id},${a.commitment.start},${a.commitment.end},${a.commitment.committed}`] : [])),
    ],
    outcomes_daily: [
      'account_id,day,outcome,count,value_usd',
      ...accounts.flatMap((a) => a.outcomes.map((o, i) => `${a.id},${o.day},o${i},1,${o.value}`)),
    ],
  };
}

const CTES = [
  'm_accounts as (select * from accounts)',
  'm_usage_daily as not materialized (select * from usage_daily)',
  'm_active_users_daily as (select * from active_users_daily)',
  'm_commitments as (select * from commitments)',
  'm_outcomes_daily as (select * from outcomes_daily)',
].join(',\n  ');

const options: AggregateOptions = {
  ctes: CTES,
  present: new Set(MODEL_NAMES),
  asOf: T,
  meaningful: { default: { units_min: 1, target_share: 0.1 }, segments: {} },
  accountsPerQuery: 7,
};

async function facts(wh: Warehouse): Promise<Record<string, Record<string, string | null>>> {
  const out: Record<string, Record<string, string | null>> = {};
  for await (const chunk of streamAggregates(wh, options)) {
    for (const a of chunk as AccountAggregates[]) {
      out[a.account.account_id] = {
        meaningful: a.first_meaningful_day,
        target: a.first_target_day,
        roi: a.outcomes?.first_roi_day ?? null,
        reached: a.commitment?.reached_day ?? null,
      };
    }
  }
  return out;
}

describe('first-day facts through the weekly bounds', () => {
  const accounts = build();
  const dir = mkdtempSync(join(tmpdir(), 'pulse-agg-weeks-'));
  let duck: DuckDbWarehouse;
  let pg: Warehouse;

  beforeAll(async () => {
    for (const [model, lines] of Object.entries(files(accounts))) writeFileSync(join(dir, `${model}.csv`), `${lines.join('\n')}\n`);
    ({ duck, pg } = await openCsvDirInBothEngines('aggregate_weeks', dir));
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches the per-day definition in DuckDB and PostgreSQL', async () => {
    const expected = Object.fromEntries(accounts.map((a) => [a.id, reference(a)]));
    const got = await facts(duck);
    expect(got).toEqual(expected);
    expect(await facts(pg)).toEqual(expected);
  });

  it('covers the edges it is built for', () => {
    const expected = Object.fromEntries(accounts.map((a) => [a.id, reference(a)]));
    // The aligned weeks 2024-02-08 .. 02-14 and 02-15 .. 02-21 hold 650 units each.
    expect(expected['h-straddle']?.target).toBe('2024-02-15');
    expect(expected['h-roi-back']?.roi).toBe(addDays(START, 11));
    const kinds = Object.values(expected);
    expect(kinds.filter((k) => k.target !== null).length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k.roi !== null).length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k.reached !== null).length).toBeGreaterThan(10);
  });
});
