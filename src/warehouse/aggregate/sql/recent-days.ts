/**
 * The first days of an incremental run: the days a previous run searched through (D) are not searched
 * again. For each account this statement gives what changed after D and where each first day would
 * fall among the days after it, reading only the rows after D − 6 (a 7-day window ending the day after
 * D starts there):
 * - fingerprint of the rows after D (new_n, new_x, new_u, new_on, new_ov): the run subtracts it from
 *   the whole fingerprint, so it learns the rows up to D without a second condition per row;
 * - fm_new, target_new, reached_new, roi_new: the first day after D that meets each definition, the
 *   running sums of the commitment and of ROI started from their totals through D.
 * `first-days.ts` decides, per account, whether a kept day, one of these, or a full search holds.
 * Units, cost and value are never negative (validation), so cumulative sums only grow: a day found
 * stays the first one.
 */
import { dayNumber, exactMoney } from '../dialect';

/** `d`: the placeholder of D, the day the kept first days were searched through. */
export function recentDayCtes(t: string, d: string, hasOutcomes: boolean): string {
  const outcomes = hasOutcomes
    ? `
      union all
      select account_id, day, 0, 0, 0, 0, 0, nrows, vx from out_day where day > ${d} - 6`
    : '';
  const roiValueT = hasOutcomes ? 'coalesce(o.value_since_start, 0)' : '0';
  const outcomeJoin = hasOutcomes ? 'left join out_agg o on o.account_id = w.account_id' : '';
  return `recent_day as (
    select account_id, day, sum(units) as units, sum(x) as x, sum(ux) as ux, sum(n) as n, max(has_u) as has_u,
      sum(orows) as orows, sum(vx) as vx
    from (
      -- From usage_src, not usage_rows: a CTE read twice is buffered whole by DuckDB, and these are a few days of rows.
      select account_id, day, units, ${exactMoney('cost_usd')} as x, ${exactMoney('units')} as ux, 1 as n, 1 as has_u, 0 as orows, 0 as vx
      from usage_src where day > ${d} - 6${outcomes}
    ) r
    group by account_id, day
  ),
  recent_w as (
    select r.account_id, r.day, r.units, r.x, r.ux, r.n, r.has_u, r.orows, r.vx,
      a.meaningful_min, a.target_daily_units, a.period_start, a.committed_x, a.contract_start,
      -- Days without usage rows count 0 in the trailing 7-day sum, as in the full search.
      sum(case when r.has_u = 1 then r.units else 0 end) over (${WINDOW} range between 6 preceding and current row) as units_7d,
      sum(case when r.day > ${d} and r.day >= a.period_start then r.x else 0 end) over (${WINDOW} rows between unbounded preceding and current row) as commit_run,
      sum(case when r.day > ${d} and r.day >= a.contract_start then r.x else 0 end) over (${WINDOW} rows between unbounded preceding and current row) as roi_cost_run,
      sum(case when r.day > ${d} and r.day >= a.contract_start then r.vx else 0 end) over (${WINDOW} rows between unbounded preceding and current row) as roi_value_run,
      sum(case when r.day > ${d} and r.day >= a.period_start then r.x else 0 end) over (partition by r.account_id) as commit_after,
      sum(case when r.day > ${d} and r.day >= a.contract_start then r.x else 0 end) over (partition by r.account_id) as roi_cost_after,
      sum(case when r.day > ${d} and r.day >= a.contract_start then r.vx else 0 end) over (partition by r.account_id) as roi_value_after
    from recent_day r join acct a on a.account_id = r.account_id
    where r.day <= ${t}
  ),
  -- Cumulative sums on a day after D = (the total through T − the part after D) + the running part.
  recent_facts as materialized (
    select w.account_id,
      sum(case when w.day > ${d} then w.n end) as new_n,
      sum(case when w.day > ${d} then w.x end) as new_x,
      sum(case when w.day > ${d} then w.ux end) as new_u,
      sum(case when w.day > ${d} then w.orows end) as new_on,
      sum(case when w.day > ${d} then w.vx end) as new_ov,
      min(case when w.day > ${d} and w.has_u = 1 and w.meaningful_min > 0 and w.units >= w.meaningful_min then w.day end) as fm_new,
      min(case when w.day > ${d} and w.has_u = 1 and w.units_7d / 7 >= w.target_daily_units then w.day end) as target_new,
      min(case when w.day > ${d} and w.has_u = 1 and w.day >= w.period_start
               and coalesce(u.consumed, 0) - w.commit_after + w.commit_run >= w.committed_x then w.day end) as reached_new,
      min(case when w.day > ${d} and w.day >= w.contract_start
               and coalesce(u.xr, 0) - w.roi_cost_after + w.roi_cost_run > 0
               and ${roiValueT} - w.roi_value_after + w.roi_value_run >= coalesce(u.xr, 0) - w.roi_cost_after + w.roi_cost_run then w.day end) as roi_new
    from recent_w w left join acc_usage u on u.account_id = w.account_id ${outcomeJoin}
    group by w.account_id
  )`;
}

const WINDOW = `partition by r.account_id order by ${dayNumber('r.day')}`;
