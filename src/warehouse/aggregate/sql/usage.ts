/**
 * The one full pass over usage: every row dated ≤ T is read once and aggregated at the
 * (account, use_case, team) cell grain with conditional sums over the date windows. Accounts
 * roll up from their cells (a few per account), so nothing here grows with days.
 */
import { exactMoney } from '../dialect';

/** Bounds the caller computes in JS and binds: the first of T's month and of the month before. */
export interface MonthBounds {
  monthStart: string;
  lastMonthStart: string;
}

const weeks = [1, 2, 3, 4, 5, 6, 7, 8];
const weekdays = [0, 1, 2, 3, 4, 5, 6];

/**
 * `cell`: per (account, use_case, team). Money is summed as integers of 1/10,000 dollar (`x`), so
 * sums are exact and identical in every engine whatever the summation order. `k` = T − day, so a
 * window "T−a .. T−b" is `k between b and a`.
 */
/** The recent windows: only rows of the last 90 days can fall in them. */
const RECENT_ONLY = ['s30', 'sd', 'sp30', 'u30', 'up30', ...weeks.map((w) => `w${w}`), ...weekdays.map((j) => `kd${j}`), 'mtd', 'lastm'];

/** What every row counts in, whatever its age. */
const wholeHistorySums = `sum(case when day >= period_start then x end) as consumed,
      min(day) as first_any,
      min(case when units > 0 then day end) as first_pos,
      -- A day with one row at the threshold is meaningful whatever its other rows: an upper bound
      -- on the first meaningful day, exact unless several small rows add up on an earlier day.
      min(case when units >= meaningful_min then day end) as big_day,
      max(units) as max_units,
      -- The rows' fingerprint (count, exact sums): kept first days are trusted only while the rows up to
      -- the day they were searched through still add up to what they did (sql/recent-days.ts).
      count(*) as fp_n, sum(x) as fp_x, sum(${exactMoney('units')}) as fp_u,
      sum(case when day >= contract_start then x end) as xr`;

export function usageCtes(t: string, m: MonthBounds, inRange: (col: string) => string): string {
  const weekly = weeks.map((w) => `sum(case when k between ${7 * (w - 1)} and ${7 * w - 1} then x end) as w${w}`).join(',\n      ');
  // Weekday of a day in T-27..T is fixed by k mod 7; JS maps (k mod 7) to 0 = Sunday using T's weekday.
  const weekday = weekdays.map((j) => `sum(case when k < 28 and k % 7 = ${j} then x end) as kd${j}`).join(',\n      ');
  // Usage is read several times (this pass, the weekly and the per-day passes of days.ts), through this one CTE, buffered for the
  // statement's account range only. Declared `materialized` so the range filter sits inside it: DuckDB
  // buffers any CTE used twice (here m_usage_daily would be) and a filter outside a buffered CTE reaches
  // it after the scan, so every statement read the whole table; inside, zone maps skip other row groups.
  return `usage_src as materialized (
    select account_id, day, use_case, team, units, cost_usd from m_usage_daily where ${inRange('account_id')}
  ),
  -- Not materialized: it is read by the two halves of the cell pass, and buffering it would copy every row once more.
  usage_rows as not materialized (
    select u.account_id, u.use_case, u.team, u.day, u.units, ${exactMoney('u.cost_usd')} as x,
           ${t} - u.day as k, a.meaningful_min, a.period_start, a.contract_start
    from usage_src u join acct a on a.account_id = u.account_id
    where u.day <= ${t}
  ),
  -- Conditional sums as sum(case ...), not FILTER: the same values (NULL when no row qualifies), but
  -- DuckDB runs ~30 FILTER clauses as ~30 selections over each chunk, ~0.06 s more per 1,000 accounts.
  -- Rows older than 90 days (most of the history) fall in none of the recent windows, so they are
  -- grouped apart with only the sums they can touch: a third of the expressions for most rows.
  cell_part as (
    select account_id, use_case, team,
      sum(case when k < 30 then x end) as s30,
      sum(case when k = 0 then x end) as sd,
      sum(case when k between 30 and 59 then x end) as sp30,
      sum(case when k < 30 then units end) as u30,
      sum(case when k between 30 and 59 then units end) as up30,
      ${weekly},
      ${weekday},
      sum(case when day >= ${m.monthStart} then x end) as mtd,
      sum(case when day >= ${m.lastMonthStart} and day < ${m.monthStart} then x end) as lastm,
      -- NRR windows: r0 = T-454 .. T-365 (the older rows' half), r1 = T-89 .. T.
      cast(null as double precision) as r0,
      sum(x) as r1,
      ${wholeHistorySums}
    from usage_rows where k < 90
    group by account_id, use_case, team
    union all
    select account_id, use_case, team,
      ${RECENT_ONLY.map((c) => `cast(null as double precision) as ${c}`).join(', ')},
      sum(case when k between 365 and 454 then x end) as r0,
      cast(null as double precision) as r1,
      ${wholeHistorySums}
    from usage_rows where k >= 90
    group by account_id, use_case, team
  ),
  cell as (
    select account_id, use_case, team,
      ${[...RECENT_ONLY, 'r0', 'r1', 'consumed', 'fp_n', 'fp_x', 'fp_u', 'xr'].map((c) => `sum(${c}) as ${c}`).join(', ')},
      min(first_any) as first_any, min(first_pos) as first_pos, min(big_day) as big_day, max(max_units) as max_units
    from cell_part
    group by account_id, use_case, team
  ),
  cell_x as (
    select c.*,
      coalesce(sum(r0) over (partition by account_id, use_case), 0) as uc_r0,
      min(first_pos) over (partition by account_id, use_case) as uc_first,
      min(first_pos) over (partition by account_id, team) as team_first
    from cell c
  ),
  acc_usage as materialized (
    select account_id,
      sum(s30) as s30, sum(sd) as sd, sum(sp30) as sp30, sum(u30) as u30, sum(up30) as up30,
      ${weeks.map((w) => `sum(w${w}) as w${w}`).join(', ')},
      ${weekdays.map((j) => `sum(kd${j}) as kd${j}`).join(', ')},
      sum(mtd) as mtd, sum(lastm) as lastm, sum(consumed) as consumed,
      coalesce(sum(r0), 0) as r0, coalesce(sum(r1), 0) as r1,
      sum(least(r0, coalesce(r1, 0))) filter (where r0 > 0) as nrr_base,
      sum(greatest(0, coalesce(r1, 0) - r0)) filter (where r0 > 0) as nrr_intensity,
      sum(r1) filter (where coalesce(r0, 0) = 0 and uc_r0 > 0) as nrr_team,
      sum(r1) filter (where uc_r0 = 0) as nrr_use_case,
      count(distinct use_case) filter (where u30 > 0) as use_cases_30d,
      count(distinct team) filter (where u30 > 0) as teams_30d,
      count(distinct use_case) filter (where uc_first >= ${t} - 89) as new_use_cases_90d,
      count(distinct team) filter (where team_first >= ${t} - 89) as new_teams_90d,
      min(first_any) as first_any, min(first_pos) as first_pos, min(big_day) as big_day,
      -- No day's total can exceed the sum of the cells' largest rows: bounds the 7-day mean from above.
      sum(max_units) as max_day_units,
      sum(fp_n) as fp_n, sum(fp_x) as fp_x, sum(fp_u) as fp_u, sum(xr) as xr
    from cell_x
    group by account_id
  )`;
}
