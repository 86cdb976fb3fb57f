/**
 * SIGNALS.md §5: time to value, in days from contract_start. The first days themselves come from the
 * warehouse (`first_meaningful_day` uses thresholds.time_to_value.meaningful_units_min and
 * meaningful_target_share there); here they become day counts and an onboarding status.
 */
import type { AccountAggregates } from '../domain/aggregates';
import type { Onboarding, Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { diffDays } from '../domain/dates';
import { beforeHistory } from './history';

export type TimeToValueSignals = Pick<Signals, 'ttfv_days' | 'onboarding' | 'time_to_target_days' | 'time_to_roi_days'>;

export function classifyOnboarding(ttfvDays: number | null, tenure: number, t: Thresholds['time_to_value']): Onboarding {
  if (ttfvDays !== null) return ttfvDays <= t.on_track_days ? 'on_track' : 'late';
  return tenure > t.on_track_days ? 'stalled' : 'pending';
}

/**
 * Decision: a first day before contract_start (a pilot before signing) gives a negative count, as
 * "first day − contract_start" says, rather than a clamped 0 that would hide the pilot.
 */
function daysFromStart(agg: AccountAggregates, day: string | null): number | null {
  return day === null ? null : diffDays(agg.account.contract_start, day);
}

const UNKNOWN: TimeToValueSignals = { ttfv_days: null, onboarding: null, time_to_target_days: null, time_to_roi_days: null };

export function timeToValueSignals(agg: AccountAggregates, tenure: number, t: Thresholds['time_to_value']): TimeToValueSignals {
  // v1.1: a contract that predates the warehouse's history may have reached value before it begins.
  // time_to_roi_days goes too although outcomes_daily has its own history: §5 nulls the whole section,
  // and cumulative cost (summed from usage) is just as unknown before history_start.
  if (beforeHistory(agg.account.contract_start, agg.history_start)) return UNKNOWN;
  const ttfv = daysFromStart(agg, agg.first_meaningful_day);
  return {
    ttfv_days: ttfv,
    onboarding: classifyOnboarding(ttfv, tenure, t),
    time_to_target_days: agg.account.target_daily_units === null ? null : daysFromStart(agg, agg.first_target_day),
    time_to_roi_days: agg.outcomes === null ? null : daysFromStart(agg, agg.outcomes.first_roi_day),
  };
}
