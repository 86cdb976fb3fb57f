/**
 * The per-(account, day) grain, only where a "first day" cannot be read off the cell pass, and only
 * over the days that can hold the answer:
 * - first meaningful day: when no single row reaches the threshold on the first day with units,
 *   days from that first day up to the day before the first such row (several small rows may add up);
 * - first target day (accounts with a target whose largest possible day total reaches it):
 *   all days from the first usage row, for the trailing 7-day window;
 * - commitment reached day: only when consumed ≥ committed, days from period_start;
 * - first ROI day: accounts with outcome value since contract_start, days from contract_start.
 * The second read of m_usage_daily is a join against `need`, which is empty for most accounts.
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
  -- Per (account, day): units, cost from period_start (xc), cost and outcome value from contract_start
  -- (xr, vx). Value can arrive on a day without usage, so outcome rows join in a UNION ALL, grouped
  -- together with the usage rows (one grouping, no full join). The window pass below then sorts only
  -- these few columns; the account's facts are joined after it.
  day_rows as (
    select account_id, day, sum(units) as units, sum(xc) as xc, sum(xr) as xr, sum(vx) as vx
    from (
      select u.account_id, u.day, u.units,
             case when u.day >= n.period_start then ${exactMoney('u.cost_usd')} else 0 end as xc,
             case when u.day >= n.contract_start then ${exactMoney('u.cost_usd')} else 0 end as xr,
             0 as vx
      from usage_src u join need n on n.account_id = u.account_id
      where u.day between n.lo and n.hi${outcomeRows(hasOutcomes)}
    ) r
    group by account_id, day
  ),
  day_w0 as (
    select f.account_id, f.day, f.units,
      -- All four windows share one partition and order, so the engine sorts the days once.
      -- RANGE over day numbers: days without rows count 0 in the trailing 7-day sum.
      sum(f.units) over (${WINDOW} range between 6 preceding and current row) as units_7d,
      sum(f.xc) over (${WINDOW} rows between unbounded preceding and current row) as commit_cum,
      sum(f.xr) over (${WINDOW} rows between unbounded preceding and current row) as roi_cost,
      sum(f.vx) over (${WINDOW} rows between unbounded preceding and current row) as roi_value
    from day_rows f
  ),
  day_w as (
    select w.*, n.fm_need, n.fm_hi, n.meaningful_min, n.tg_need, n.target_daily_units,
      n.rc_need, n.period_start, n.committed_x, n.roi_need, n.contract_start
    from day_w0 w join need n on n.account_id = w.account_id
  ),
  -- Materialized: PostgreSQL inlines a CTE used once, and with its row estimate of ~1 it re-ran this
  -- whole window pass once per account inside a nested loop (loops = accounts).
  day_facts as materialized (
    select account_id,
      min(day) filter (where fm_need and day <= fm_hi and units >= meaningful_min) as fm_day,
      min(day) filter (where tg_need and units_7d / 7 >= target_daily_units) as target_day,
      min(day) filter (where rc_need and day >= period_start and commit_cum >= committed_x) as reached_day,
      min(day) filter (where roi_need and day >= contract_start and roi_cost > 0 and roi_value >= roi_cost) as roi_day
    from day_w
    group by account_id
  )`;
}

const WINDOW = `partition by f.account_id order by ${dayNumber('f.day')}`;

/** For the ROI day, outcome value per day from contract_start, as rows of the per-day grouping. */
function outcomeRows(hasOutcomes: boolean): string {
  if (!hasOutcomes) return '';
  return `
      union all
      select o.account_id, o.day, 0, 0, 0, o.vx from out_day o join need n on n.account_id = o.account_id
      where n.roi_need and o.day >= n.contract_start`;
}
