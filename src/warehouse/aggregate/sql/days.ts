/**
 * The "first day" facts, only where they cannot be read off the cell pass, and only over the days that
 * can hold the answer:
 * - first meaningful day: when no single row reaches the threshold on the first day with units,
 *   days from that first day up to the day before the first such row (several small rows may add up);
 * - first target day (accounts with a target whose largest possible day total reaches it);
 * - commitment reached day: only when consumed ≥ committed, from period_start;
 * - first ROI day: accounts with outcome value since contract_start, from contract_start.
 * `need` holds those accounts (empty for most) and the day range each reads. A weekly pass (weeks
 * aligned to T) over that range bounds, from monotone sums, the weeks that can hold each day
 * (wk_bounds); the exact per-day pass then reads only those weeks, per fact, with running sums
 * started from the weekly totals before them. The second read of m_usage_daily is a join against
 * `need`. Results are those of a per-day pass over the whole range (tests/integration/warehouse/aggregate-weeks.test.ts).
 */
import { dayNumber, exactMoney } from '../dialect';
import { pivot, same } from './pivot';

export function dayCtes(t: string, hasOutcomes: boolean): string {
  const roiNeed = hasOutcomes ? 'coalesce(a.value_since_start, 0) > 0' : 'false';
  // Accounts with usage (the spine) and what decides their per-day needs, without a join (see pivot.ts).
  const facts = pivot(
    [
      ['contract_start', 'date'], ['meaningful_min', 'double precision'], ['target_daily_units', 'double precision'],
      ['period_start', 'date'], ['committed_x', 'double precision'], ['first_pos', 'date'], ['first_any', 'date'],
      ['big_day', 'date'], ['max_day_units', 'double precision'], ['consumed', 'double precision'], ['value_since_start', 'double precision'],
    ],
    { from: 'acc_usage', values: same(['first_pos', 'first_any', 'big_day', 'max_day_units', 'consumed']) },
    [
      { from: 'acct', values: same(['contract_start', 'meaningful_min', 'target_daily_units', 'period_start', 'committed_x']) },
      ...(hasOutcomes ? [{ from: 'out_agg', values: same(['value_since_start']) }] : []),
    ],
  );
  return `need_flags as (
    select a.account_id, a.contract_start, a.meaningful_min, a.target_daily_units, a.period_start, a.committed_x,
      a.first_pos, a.first_any,
      (a.meaningful_min > 0 and a.first_pos is not null and (a.big_day is null or a.big_day > a.first_pos)) as fm_need,
      coalesce(a.big_day - 1, ${t}) as fm_hi,
      (a.target_daily_units is not null and a.max_day_units >= a.target_daily_units) as tg_need,
      (a.period_start is not null and a.consumed >= a.committed_x) as rc_need,
      (${roiNeed}) as roi_need
    from (${facts}) a
  ),
  need as materialized (
    select n.*,
      least(case when fm_need then first_pos end, case when tg_need then first_any end,
            case when rc_need then period_start end, case when roi_need then contract_start end) as lo,
      case when tg_need or rc_need or roi_need then ${t} else fm_hi end as hi
    from need_flags n
    where fm_need or tg_need or rc_need or roi_need
  ),
  -- Per (account, week aligned to T: wk = 0 is T-6 .. T, wk = 1 is T-13 .. T-7, ...): units, cost from
  -- period_start (xc), cost and outcome value from contract_start (xr, vx). Value can arrive on a day
  -- without usage, so outcome rows join in a UNION ALL and are grouped with the usage rows.
  wk_rows as (
    select account_id, wk, sum(units) as units, sum(xc) as xc, sum(xr) as xr, sum(vx) as vx
    from (${weekRows(t, hasOutcomes)}) r
    group by account_id, wk
  ),
  wk_w as (
    select w.account_id, w.wk, w.units, w.xr,
      -- This week and the one before it (wk + 1): the only weeks a trailing 7-day window ending this week reaches.
      sum(w.units) over (${WK} range between current row and 1 following) as units_2w,
      -- Cumulative through the end of this week.
      sum(w.xc) over (${WK} rows between current row and unbounded following) as cum_c,
      sum(w.xr) over (${WK} rows between current row and unbounded following) as cum_r,
      sum(w.vx) over (${WK} rows between current row and unbounded following) as cum_v
    from wk_rows w
  ),
  -- Which weeks can hold each first day (the oldest week is the largest wk), from monotone sums:
  -- - target: a day's trailing window lies in its week and the week before, so its week's units_2w
  --   reaches 7 × target (the oldest such week, minus one for the window's head, bounds from below);
  --   a week whose own units reach 7 × target has a day that does (its last row's window covers it);
  -- - ROI: a day's cumulative value ≤ its week's end value, its cumulative cost ≥ the cost before its
  --   week; a week whose end has value ≥ cost > 0 holds the day or follows it;
  -- - commitment: the first week whose end reaches committed holds the day.
  -- The relative slack on the target keeps both bounds safe from the engines' float summation order.
  wk_bounds as (
    select w.account_id,
      max(w.wk) filter (where n.tg_need and w.units_2w / 7 >= n.target_daily_units * (1 - 1e-9)) + 1 as tg_lo,
      max(w.wk) filter (where n.tg_need and w.units / 7 >= n.target_daily_units * (1 + 1e-9)) as tg_hi,
      max(w.wk) filter (where n.roi_need and w.cum_r > 0 and w.cum_v >= w.cum_r - w.xr) as roi_lo,
      max(w.wk) filter (where n.roi_need and w.cum_r > 0 and w.cum_v >= w.cum_r) as roi_hi,
      max(w.wk) filter (where n.rc_need and w.cum_c >= n.committed_x) as rc_wk
    from wk_w w join need n on n.account_id = w.account_id
    group by w.account_id
  ),
  -- The exact pass reads one day range per fact ("segment": 1 meaningful, 2 target, 3 ROI,
  -- 4 commitment), from the start of the oldest week that can hold the fact (wk = lw), each with its
  -- own running sums, so two facts far apart in time do not pull in the days between them.
  day_seg as (
    select n.account_id, s.seg, s.lw, ${t} - 7 * s.lw - 6 as d_lo, s.d_hi, n.period_start, n.contract_start
    from need n join (
      select account_id, 1 as seg, cast(floor((${t} - first_pos) / 7.0) as integer) as lw, fm_hi as d_hi from need where fm_need
      union all select account_id, 2, tg_lo, ${t} - 7 * coalesce(tg_hi, 0) from wk_bounds where tg_lo is not null
      union all select account_id, 3, roi_lo, ${t} - 7 * coalesce(roi_hi, 0) from wk_bounds where roi_lo is not null
      union all select account_id, 4, rc_wk, ${t} - 7 * rc_wk from wk_bounds where rc_wk is not null
    ) s on s.account_id = n.account_id
  ),
  -- Sums before a segment's range: its running sums start from them.
  day_off as (
    select d.account_id, d.seg, coalesce(sum(w.xc), 0) as off_c, coalesce(sum(w.xr), 0) as off_r, coalesce(sum(w.vx), 0) as off_v
    from day_seg d left join wk_rows w on w.account_id = d.account_id and w.wk > d.lw
    where d.seg >= 3
    group by d.account_id, d.seg
  ),
  day_rows as (
    select account_id, seg, day, sum(units) as units, sum(xc) as xc, sum(xr) as xr, sum(vx) as vx
    from (
      select u.account_id, n.seg, u.day, u.units,
             case when n.seg = 4 and u.day >= n.period_start then ${exactMoney('u.cost_usd')} else 0 end as xc,
             case when n.seg = 3 and u.day >= n.contract_start then ${exactMoney('u.cost_usd')} else 0 end as xr,
             0 as vx
      from usage_src u join day_seg n on n.account_id = u.account_id
      where u.day between n.d_lo and n.d_hi${hasOutcomes ? `
      union all
      select o.account_id, n.seg, o.day, 0, 0, 0, o.vx from out_day o join day_seg n on n.account_id = o.account_id
      where n.seg = 3 and o.day >= n.contract_start and o.day between n.d_lo and n.d_hi` : ''}
    ) r
    group by account_id, seg, day
  ),
  day_w0 as (
    select f.account_id, f.seg, f.day, f.units,
      -- All four windows share one partition and order, so the engine sorts the days once.
      -- RANGE over day numbers: days without rows count 0 in the trailing 7-day sum. A range's
      -- first 6 days see a truncated window, which only lowers their sum: a day that reaches the
      -- target lies in a week from tg_lo - 1 on (see wk_bounds), whole in the range.
      sum(f.units) over (${WINDOW} range between 6 preceding and current row) as units_7d,
      sum(f.xc) over (${WINDOW} rows between unbounded preceding and current row) as commit_cum,
      sum(f.xr) over (${WINDOW} rows between unbounded preceding and current row) as roi_cost,
      sum(f.vx) over (${WINDOW} rows between unbounded preceding and current row) as roi_value
    from day_rows f
  ),
  day_w as (
    select w.account_id, w.seg, w.day, w.units, w.units_7d,
      o.off_c + w.commit_cum as commit_cum, o.off_r + w.roi_cost as roi_cost, o.off_v + w.roi_value as roi_value,
      n.fm_hi, n.meaningful_min, n.target_daily_units, n.period_start, n.committed_x, n.contract_start
    from day_w0 w join need n on n.account_id = w.account_id
    left join day_off o on o.account_id = w.account_id and o.seg = w.seg
  ),
  -- Materialized: PostgreSQL inlines a CTE used once, and with its row estimate of ~1 it re-ran this
  -- whole window pass once per account inside a nested loop (loops = accounts).
  day_facts as materialized (
    select account_id,
      min(day) filter (where seg = 1 and day <= fm_hi and units >= meaningful_min) as fm_day,
      min(day) filter (where seg = 2 and units_7d / 7 >= target_daily_units) as target_day,
      min(day) filter (where seg = 4 and day >= period_start and commit_cum >= committed_x) as reached_day,
      min(day) filter (where seg = 3 and day >= contract_start and roi_cost > 0 and roi_value >= roi_cost) as roi_day
    from day_w
    group by account_id
  )`;
}

const WINDOW = `partition by f.account_id, f.seg order by ${dayNumber('f.day')}`;

const WK = 'partition by w.account_id order by w.wk';

/**
 * Usage rows of `need` between lo and hi as (account_id, wk, units, xc, xr, vx), plus for the ROI day
 * outcome value from contract_start.
 */
function weekRows(t: string, hasOutcomes: boolean): string {
  const wk = (day: string): string => `cast(floor((${t} - ${day}) / 7.0) as integer)`;
  const usage = `
      select u.account_id, ${wk('u.day')} as wk, u.units,
             case when u.day >= n.period_start then ${exactMoney('u.cost_usd')} else 0 end as xc,
             case when u.day >= n.contract_start then ${exactMoney('u.cost_usd')} else 0 end as xr,
             0 as vx
      from usage_src u join need n on n.account_id = u.account_id
      where u.day between n.lo and n.hi`;
  if (!hasOutcomes) return usage;
  return `${usage}
      union all
      select o.account_id, ${wk('o.day')}, 0, 0, 0, o.vx from out_day o join need n on n.account_id = o.account_id
      where n.roi_need and o.day >= n.contract_start and o.day between n.lo and n.hi`;
}
