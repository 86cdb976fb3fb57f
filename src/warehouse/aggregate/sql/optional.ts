/** The optional models, each read once; absent models are not referenced at all. */
import { exactMoney } from '../dialect';

/** Outcomes per (account, day) feed both the 30-day figures and the ROI day. */
export function outcomeCtes(t: string, inRange: (col: string) => string): string {
  return `out_day as (
    select account_id, day, sum("count") as n, sum(${exactMoney('value_usd')}) as vx
    from m_outcomes_daily
    where day <= ${t} and ${inRange('account_id')}
    group by account_id, day
  ),
  out_agg as (
    select o.account_id,
      coalesce(sum(o.n) filter (where o.day >= ${t} - 29), 0) as count_30d,
      coalesce(sum(o.vx) filter (where o.day >= ${t} - 29), 0) as value_30d,
      coalesce(sum(o.n) filter (where o.day between ${t} - 59 and ${t} - 30), 0) as count_prev_30d,
      sum(o.vx) filter (where o.day >= a.contract_start) as value_since_start
    from out_day o join acct a on a.account_id = o.account_id
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
