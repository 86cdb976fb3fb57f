/**
 * Rejects aggregates that would make a signal NaN, Infinity or a wrong date instead of computing
 * garbage: the warehouse query is the only producer, so a failure here is a bug there.
 */
import type { AccountAggregates } from '../domain/aggregates';
import { PulseError } from '../errors';
import { diffDays, isValidDay } from '../domain/dates';

type Check = (ok: boolean, field: string, why: string) => void;

function checker(accountId: string): Check {
  return (ok, field, why) => {
    if (!ok) throw new PulseError('SIGNAL_INPUT_INVALID', `aggregates of ${accountId}: ${field} ${why}`, { place: `${accountId}.${field}` });
  };
}

const isAmount = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isDay = (x: unknown): x is string => typeof x === 'string' && isValidDay(x);

export function validateAggregates(agg: AccountAggregates): void {
  const check = checker(agg.account.account_id);
  check(isDay(agg.as_of), 'as_of', 'is not a YYYY-MM-DD day');
  check(agg.history_start === null || isDay(agg.history_start), 'history_start', 'must be null or a YYYY-MM-DD day');
  check(isDay(agg.account.contract_start), 'account.contract_start', 'is not a YYYY-MM-DD day');
  for (const f of ['licensed_users', 'monthly_budget_usd', 'target_daily_units', 'outcome_target_monthly'] as const) {
    const v = agg.account[f];
    check(v === null || isAmount(v), `account.${f}`, 'must be null or a finite number ≥ 0');
  }
  const amounts = ['spend_30d', 'spend_prev_30d', 'units_30d', 'units_prev_30d', 'mtd_spend', 'last_month_spend'] as const;
  for (const f of amounts) check(isAmount(agg[f]), f, 'must be a finite number ≥ 0');
  for (const f of ['use_cases_30d', 'teams_30d', 'new_use_cases_90d', 'new_teams_90d'] as const) {
    check(Number.isInteger(agg[f]) && agg[f] >= 0, f, 'must be an integer ≥ 0');
  }
  check(agg.weekly_spend.length === 8 && agg.weekly_spend.every(isAmount), 'weekly_spend', 'must be 8 amounts ≥ 0');
  check(agg.weekday_spend_28d.length === 7 && agg.weekday_spend_28d.every(isAmount), 'weekday_spend_28d', 'must be 7 amounts ≥ 0');
  for (const f of ['first_meaningful_day', 'first_target_day'] as const) {
    const d = agg[f];
    check(d === null || (isDay(d) && diffDays(d, agg.as_of) >= 0), f, 'must be null or a day ≤ as_of');
  }

  const c = agg.commitment;
  if (c !== null) {
    check(isDay(c.period_start) && isDay(c.period_end), 'commitment', 'period bounds must be YYYY-MM-DD days');
    check(diffDays(c.period_start, agg.as_of) >= 0 && diffDays(agg.as_of, c.period_end) >= 0, 'commitment', 'period must contain as_of');
    check(isAmount(c.committed_usd) && c.committed_usd > 0, 'commitment.committed_usd', 'must be > 0');
    check(isAmount(c.consumed_usd), 'commitment.consumed_usd', 'must be a finite number ≥ 0');
    check(c.reached_day === null || isDay(c.reached_day), 'commitment.reached_day', 'must be null or a day');
  }
  const u = agg.active_users;
  if (u !== null) {
    check(isAmount(u.dau_sum_28d), 'active_users.dau_sum_28d', 'must be a finite number ≥ 0');
    check(u.mau_at_t === null || isAmount(u.mau_at_t), 'active_users.mau_at_t', 'must be null or a finite number ≥ 0');
  }
  const o = agg.outcomes;
  if (o !== null) {
    for (const f of ['count_30d', 'value_30d', 'count_prev_30d'] as const) check(isAmount(o[f]), `outcomes.${f}`, 'must be a finite number ≥ 0');
    check(o.first_roi_day === null || isDay(o.first_roi_day), 'outcomes.first_roi_day', 'must be null or a day');
  }
  for (const f of ['r0', 'r1', 'base', 'intensity', 'team_expansion', 'use_case_expansion'] as const) {
    check(isAmount(agg.nrr[f]), `nrr.${f}`, 'must be a finite number ≥ 0');
  }
  const p = agg.peer;
  check(Number.isInteger(p.cohort_size) && p.cohort_size >= 1, 'peer.cohort_size', 'must be an integer ≥ 1 (the account itself)');
  check(isAmount(p.lower) && isAmount(p.equal) && p.lower + p.equal <= p.cohort_size - 1, 'peer', 'lower + equal must not exceed the other accounts');
  check(isAmount(p.p25) && isAmount(p.p75), 'peer', 'p25 and p75 must be finite amounts ≥ 0');
}
