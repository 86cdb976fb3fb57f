/**
 * The account spine: every account whose contract has started by T, with what the usage scan needs
 * per row (meaningful-day threshold, the commitment containing T) and its peer cohort keys.
 */
import { exactMoney } from '../dialect';
import { numberLiteral, type Params } from '../params';
import type { MeaningfulConfig } from '../types';

/** The meaningful-day threshold per account: config may differ per segment, so it is a CASE on segment. */
function meaningfulThreshold(m: MeaningfulConfig, p: Params): string {
  const pick = (field: 'units_min' | 'target_share'): string => {
    const segs = Object.entries(m.segments);
    if (segs.length === 0) return numberLiteral(m.default[field]);
    const whens = segs.map(([seg, v]) => `when ${p.bind(seg, 'text')} then ${numberLiteral(v[field])}`).join(' ');
    return `(case a.segment ${whens} else ${numberLiteral(m.default[field])} end)`;
  };
  return `greatest(${pick('units_min')}, ${pick('target_share')} * coalesce(a.target_daily_units, 0))`;
}

/**
 * `acct`: one row per account. Accounts whose contract_start is after T are left out: as of T they are
 * not customers yet, and replaying a past T must not show them.
 * `commit_t`: the commitment whose period contains T; with several, the latest period_start.
 */
export function accountCtes(t: string, m: MeaningfulConfig, p: Params, hasCommitments: boolean): string {
  const commitment = hasCommitments
    ? `commit_t as (
    select account_id, period_start, period_end, committed_usd
    from (select c.*, row_number() over (partition by c.account_id order by c.period_start desc) as rn
          from m_commitments c where c.period_start <= ${t} and c.period_end >= ${t}) ranked
    where rn = 1
  ),`
    : `commit_t as (
    select cast(null as text) as account_id, cast(null as date) as period_start, cast(null as date) as period_end,
           cast(null as double precision) as committed_usd
    where 1 = 0
  ),`;
  return `${commitment}
  acct as materialized (
    select a.account_id, a.name, a.domain, a.segment, a.industry, a.contract_start, a.licensed_users,
           a.monthly_budget_usd, a.target_daily_units, a.outcome_target_monthly, a.owner_email,
           a.hubspot_company_id, a.salesforce_account_id,
           ${meaningfulThreshold(m, p)} as meaningful_min,
           -- Tenure bands of the peer cohort: 0-90, 91-365, > 365 days.
           case when ${t} - a.contract_start <= 90 then 0 when ${t} - a.contract_start <= 365 then 1 else 2 end as band,
           c.period_start, c.period_end, c.committed_usd,
           ${exactMoney('c.committed_usd')} as committed_x
    from m_accounts a left join commit_t c on c.account_id = a.account_id
    where a.contract_start <= ${t}
  )`;
}
