/** SIGNALS.md §6: breadth of use and user penetration. */
import type { AccountAggregates } from '../domain/aggregates';
import type { Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { divide } from './round';

export type BreadthSignals = Pick<
  Signals,
  'use_cases_30d' | 'teams_30d' | 'new_use_cases_90d' | 'new_teams_90d' | 'stickiness_pct' | 'user_penetration_pct'
>;

export function breadthSignals(agg: AccountAggregates, tenure: number, t: Thresholds['breadth']): BreadthSignals {
  // For a young account every use case is new, which says nothing about expansion.
  const young = tenure < t.new_min_tenure_days;
  const users = agg.active_users;
  const mau = users?.mau_at_t ?? null;
  const licensed = agg.account.licensed_users;
  return {
    use_cases_30d: agg.use_cases_30d,
    teams_30d: agg.teams_30d,
    new_use_cases_90d: young ? null : agg.new_use_cases_90d,
    new_teams_90d: young ? null : agg.new_teams_90d,
    stickiness_pct: users === null || mau === null ? null : divide(users.dau_sum_28d / 28, mau, 100),
    // Decision: 0 licensed users is a division by zero, so null like a missing figure.
    user_penetration_pct: mau === null || licensed === null ? null : divide(mau, licensed, 100),
  };
}
