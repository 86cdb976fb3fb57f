/** The optional models, each read once; absent models are not referenced at all. */
import { exactMoney } from '../dialect';

/**
 * Outcomes per (account, day) for the first-day searches (a value can fall on a day without usage), and
 * the 30-day figures straight from the rows: grouping every row by day first cost a grouping as large as the model.
 */
export function outcomeCtes(t: string, inRange: (col: string) => string): string {
  return `out_src as (
    select account_id, day, "count" as n, ${exactMoney('value_usd')} as vx
    from m_outcomes_daily
    where day <= ${t} and ${inRange('account_id')}
  ),
  out_day as (
    select account_id, day, count(*) as nrows, sum(n) as n, sum(vx) as vx from out_src group by account_id, day
  ),
  out_agg as (
    select o.account_id,
      coalesce(sum(case when o.day >= ${t} - 29 then o.n end), 0) as count_30d,
      coalesce(sum(case when o.day >= ${t} - 29 then o.vx end), 0) as value_30d,
      coalesce(sum(case when o.day between ${t} - 59 and ${t} - 30 then o.n end), 0) as count_prev_30d,
      sum(case when o.day >= a.contract_start then o.vx end) as value_since_start,
      count(*) as fpo_n, sum(o.vx) as fpo_v
    from out_src o join acct a on a.account_id = o.account_id
    group by o.account_id
  )`;
}

export function activeUserCtes(t: string, inRange: (col: string) => string): string {
  return `au as (
    select account_id, sum(dau) as dau_sum_28d, max(mau) filter (where day = ${t}) as mau_at_t
    from m_active_users_daily
    where day between ${t} - 27 and ${t} and ${inRange('account_id')}
    group by account_id
  )`;
}
