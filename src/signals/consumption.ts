/** SIGNALS.md §1: consumption and trend. */
import type { AccountAggregates } from '../domain/aggregates';
import type { Signals, Trend } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { diffDays } from '../domain/dates';
import { divide } from './round';

export type ConsumptionSignals = Pick<Signals, 'spend_30d' | 'spend_prev_30d' | 'units_30d' | 'growth_30d_pct' | 'trend'>;

/** T − contract_start in days; negative when the contract starts after T (trend then reads `new`). */
export function tenureDays(agg: AccountAggregates): number {
  return diffDays(agg.account.contract_start, agg.as_of);
}

/** Percentage change; null when there is nothing to compare with. */
export function growthPct(current: number, previous: number): number | null {
  return divide(current - previous, previous, 100);
}

export function classifyTrend(
  input: { spend_30d: number; spend_prev_30d: number; growth_30d_pct: number | null; tenure_days: number },
  t: Thresholds['trend'],
): Trend {
  const { spend_30d, spend_prev_30d, growth_30d_pct: growth, tenure_days } = input;
  if (spend_30d === 0 && spend_prev_30d === 0) return 'inactive';
  if (spend_30d === 0) return 'stopped';
  if (tenure_days < t.new_tenure_days) return 'new';
  if (spend_prev_30d === 0 || (growth !== null && growth >= t.growing_pct)) return 'growing';
  if (growth !== null && growth <= t.declining_pct) return 'declining';
  return 'stable';
}

export function consumptionSignals(agg: AccountAggregates, tenure: number, t: Thresholds['trend']): ConsumptionSignals {
  const growth = growthPct(agg.spend_30d, agg.spend_prev_30d);
  return {
    spend_30d: agg.spend_30d,
    spend_prev_30d: agg.spend_prev_30d,
    units_30d: agg.units_30d,
    growth_30d_pct: growth,
    trend: classifyTrend({ spend_30d: agg.spend_30d, spend_prev_30d: agg.spend_prev_30d, growth_30d_pct: growth, tenure_days: tenure }, t),
  };
}
