/**
 * The hand-written model `npm run bench:signals` measures `pulse signals` against: what a data engineer
 * would write in dbt for the same main aggregates, as one DuckDB statement over the raw tables, with
 * no validation and no incremental state. Per account: spend and units over the 30-day windows, the
 * eight weekly spends, spend per weekday over 28 days, month to date and last month, the NRR windows,
 * use cases and teams active in 30 days and new in 90, the first meaningful day, the first day at
 * target (7-day mean), the day the commitment in force was reached, the ROI day, and outcomes over 30
 * days. Daily totals per account are the grain the first days are found at, with window functions.
 */
export function modelSql(asOf: string): string {
  const t = `date '${asOf}'`;
  return `
with acct as (
  select a.account_id, a.contract_start, a.target_daily_units,
    greatest(1, 0.25 * coalesce(a.target_daily_units, 0)) as meaningful_min,
    c.period_start, c.committed_usd
  from accounts a
  left join (
    select account_id, period_start, committed_usd,
      row_number() over (partition by account_id order by period_start desc) as rn
    from commitments where period_start <= ${t} and period_end >= ${t}
  ) c on c.account_id = a.account_id and c.rn = 1
  where a.contract_start <= ${t}
),
usage as (select * from usage_daily where day <= ${t}),
daily as (
  select account_id, day, sum(units) as units, sum(cost_usd) as cost from usage group by account_id, day
),
outcome_daily as (
  select account_id, day, sum("count") as n, sum(value_usd) as value from outcomes_daily where day <= ${t} group by account_id, day
),
days as (
  select coalesce(d.account_id, o.account_id) as account_id, coalesce(d.day, o.day) as day,
    coalesce(d.units, 0) as units, coalesce(d.cost, 0) as cost, coalesce(o.value, 0) as value, d.day is not null as has_usage
  from daily d full join outcome_daily o on o.account_id = d.account_id and o.day = d.day
),
running as (
  select s.*, a.meaningful_min, a.target_daily_units, a.period_start, a.committed_usd, a.contract_start,
    sum(units) over (partition by s.account_id order by s.day range between interval 6 days preceding and current row) / 7 as mean_7d,
    sum(case when s.day >= a.period_start then cost else 0 end) over (partition by s.account_id order by s.day rows unbounded preceding) as commit_cum,
    sum(case when s.day >= a.contract_start then cost else 0 end) over (partition by s.account_id order by s.day rows unbounded preceding) as roi_cost,
    sum(case when s.day >= a.contract_start then value else 0 end) over (partition by s.account_id order by s.day rows unbounded preceding) as roi_value
  from days s join acct a on a.account_id = s.account_id
),
first_days as (
  select account_id,
    min(day) filter (where has_usage and units >= meaningful_min) as first_meaningful_day,
    min(day) filter (where has_usage and mean_7d >= target_daily_units) as first_target_day,
    min(day) filter (where has_usage and day >= period_start and commit_cum >= committed_usd) as reached_day,
    min(day) filter (where day >= contract_start and roi_cost > 0 and roi_value >= roi_cost) as roi_day
  from running group by account_id
),
windows as (
  select account_id,
    sum(cost) filter (where day > ${t} - 30) as spend_30d,
    sum(cost) filter (where day between ${t} - 59 and ${t} - 30) as spend_prev_30d,
    sum(cost) filter (where day = ${t}) as spend_day,
    sum(units) filter (where day > ${t} - 30) as units_30d,
    sum(units) filter (where day between ${t} - 59 and ${t} - 30) as units_prev_30d,
    ${[1, 2, 3, 4, 5, 6, 7, 8].map((w) => `sum(cost) filter (where day between ${t} - ${7 * w - 1} and ${t} - ${7 * (w - 1)}) as w${w}`).join(',\n    ')},
    ${[0, 1, 2, 3, 4, 5, 6].map((d) => `sum(cost) filter (where day > ${t} - 28 and dayofweek(day) = ${d}) as weekday_${d}`).join(',\n    ')},
    sum(cost) filter (where day >= date_trunc('month', ${t})) as mtd,
    sum(cost) filter (where day >= date_trunc('month', ${t}) - interval 1 month and day < date_trunc('month', ${t})) as last_month,
    sum(cost) filter (where day between ${t} - 454 and ${t} - 365) as nrr_r0,
    sum(cost) filter (where day > ${t} - 90) as nrr_r1
  from daily group by account_id
),
cells as (
  select account_id, use_case, team, min(day) filter (where units > 0) as first_pos, sum(units) filter (where day > ${t} - 30) as u30
  from usage group by account_id, use_case, team
),
breadth as (
  select account_id,
    count(distinct use_case) filter (where u30 > 0) as use_cases_30d,
    count(distinct team) filter (where u30 > 0) as teams_30d,
    count(distinct use_case) filter (where uc_first >= ${t} - 89) as new_use_cases_90d,
    count(distinct team) filter (where team_first >= ${t} - 89) as new_teams_90d
  from (
    select *, min(first_pos) over (partition by account_id, use_case) as uc_first, min(first_pos) over (partition by account_id, team) as team_first
    from cells
  ) c group by account_id
),
outcomes as (
  select account_id, sum(n) filter (where day > ${t} - 30) as outcomes_30d, sum(value) filter (where day > ${t} - 30) as value_30d
  from outcome_daily group by account_id
)
select a.account_id, w.*, b.*, f.*, o.*
from acct a
left join windows w on w.account_id = a.account_id
left join breadth b on b.account_id = a.account_id
left join first_days f on f.account_id = a.account_id
left join outcomes o on o.account_id = a.account_id
order by a.account_id`;
}
