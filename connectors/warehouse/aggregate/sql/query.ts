/** The whole statement: one row per account, in account_id order, every aggregate computed in SQL. */
import type { ModelName } from '../../../../src/domain/contract';
import type { Params } from '../params';
import type { MeaningfulConfig } from '../types';
import { accountCtes } from './accounts';
import { dayCtes } from './days';
import { activeUserCtes, outcomeCtes } from './optional';
import { peerCtes } from './peers';
import { usageCtes, type MonthBounds } from './usage';

export interface QueryInput {
  ctes: string;
  present: ReadonlySet<ModelName>;
  asOf: string;
  months: { monthStart: string; lastMonthStart: string };
  meaningful: MeaningfulConfig;
}

const ACCOUNT_COLUMNS = [
  'account_id', 'name', 'domain', 'segment', 'industry', 'contract_start', 'licensed_users', 'monthly_budget_usd',
  'target_daily_units', 'outcome_target_monthly', 'owner_email', 'hubspot_company_id', 'salesforce_account_id',
];

const USAGE_COLUMNS = [
  's30', 'sp30', 'u30', 'up30', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8',
  'kd0', 'kd1', 'kd2', 'kd3', 'kd4', 'kd5', 'kd6', 'mtd', 'lastm', 'consumed',
  'r0', 'r1', 'nrr_base', 'nrr_intensity', 'nrr_team', 'nrr_use_case',
  'use_cases_30d', 'teams_30d', 'new_use_cases_90d', 'new_teams_90d',
];

export function buildQuery(input: QueryInput, p: Params): string {
  const t = p.bind(input.asOf, 'date');
  const months: MonthBounds = { monthStart: p.bind(input.months.monthStart, 'date'), lastMonthStart: p.bind(input.months.lastMonthStart, 'date') };
  const has = (m: ModelName): boolean => input.present.has(m);
  const ctes = [
    input.ctes,
    accountCtes(t, input.meaningful, p, has('commitments')),
    usageCtes(t, months),
    ...(has('outcomes_daily') ? [outcomeCtes(t)] : []),
    ...(has('active_users_daily') ? [activeUserCtes(t)] : []),
    dayCtes(t, has('outcomes_daily')),
    peerCtes(),
  ];
  const select = [
    ...ACCOUNT_COLUMNS.map((c) => `a.${c}`),
    ...USAGE_COLUMNS.map((c) => `u.${c}`),
    'least(f.fm_day, u.big_day) as first_meaningful_day',
    'f.target_day as first_target_day',
    'a.period_start', 'a.period_end', 'a.committed_usd', 'f.reached_day',
    ...(has('active_users_daily') ? ['coalesce(au.dau_sum_28d, 0) as dau_sum_28d', 'au.mau_at_t'] : []),
    ...(has('outcomes_daily')
      ? ['coalesce(o.count_30d, 0) as count_30d', 'coalesce(o.value_30d, 0) as value_30d', 'coalesce(o.count_prev_30d, 0) as count_prev_30d', 'f.roi_day']
      : []),
    'pr.cohort_size', 'pr.lower_n', 'pr.equal_n', 'pq.p25_lo', 'pq.p25_hi', 'pq.p75_lo', 'pq.p75_hi',
  ];
  const joins = [
    'left join acc_usage u on u.account_id = a.account_id',
    'left join day_facts f on f.account_id = a.account_id',
    ...(has('active_users_daily') ? ['left join au on au.account_id = a.account_id'] : []),
    ...(has('outcomes_daily') ? ['left join out_agg o on o.account_id = a.account_id'] : []),
    'join peer_rank pr on pr.account_id = a.account_id',
    'join peer_q pq on pq.segment is not distinct from a.segment and pq.band = a.band',
  ];
  return `with ${ctes.join(',\n  ')}
select ${select.join(',\n  ')}
from acct a
  ${joins.join('\n  ')}
order by a.account_id`;
}
