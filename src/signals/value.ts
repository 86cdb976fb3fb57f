/** SIGNALS.md §7: value realization. Every figure is null when the outcomes model is missing. */
import type { AccountAggregates, OutcomeAggregates } from '../domain/aggregates';
import type { Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { formatDollars, formatMultiple, plural } from './text';
import { clean, divide } from './round';

export type ValueSignals = Pick<
  Signals,
  | 'outcomes_30d'
  | 'value_usd_30d'
  | 'roi_multiple'
  | 'efficiency'
  | 'efficiency_change_pct'
  | 'overconsumption'
  | 'outcome_attainment_pct'
  | 'value_summary'
>;

const NO_OUTCOMES: ValueSignals = {
  outcomes_30d: null,
  value_usd_30d: null,
  roi_multiple: null,
  efficiency: null,
  efficiency_change_pct: null,
  overconsumption: null,
  outcome_attainment_pct: null,
  value_summary: null,
};

/** Outcomes per 1,000 units; null without units. Unclean: the change between two of them is taken first. */
export function efficiencyRatio(outcomes: number, units: number): number | null {
  const e = (outcomes / units) * 1000;
  return units === 0 || !Number.isFinite(e) ? null : e;
}

export function isOverconsumption(
  input: { growth_30d_pct: number | null; efficiency_change_pct: number | null; roi_multiple: number | null },
  t: Thresholds['value'],
): boolean {
  const { growth_30d_pct: growth, efficiency_change_pct: change, roi_multiple: roi } = input;
  const growingWasteful =
    growth !== null && change !== null && growth >= t.overconsumption_growth_pct && change <= t.overconsumption_efficiency_change_pct;
  // roi_multiple is null exactly when spend_30d is 0, which is SIGNALS.md's "(with spend_30d > 0)".
  return growingWasteful || (roi !== null && roi < t.min_roi_multiple);
}

/**
 * `Last 30 days: 5,012 outcomes, est. $41,200 value (3.1× spend)`.
 * The aggregates sum all outcome kinds without their names, so the text says "outcomes"; naming them
 * ("resolutions") needs the warehouse to pass the outcome name when an account has one kind only.
 * Counts and dollars are whole numbers; the multiple is left out when there was no spend to divide by.
 */
export function valueSummary(o: OutcomeAggregates, roi: number | null): string {
  const head = `Last 30 days: ${plural(o.count_30d, 'outcome')}, est. ${formatDollars(o.value_30d)} value`;
  return roi === null ? head : `${head} (${formatMultiple(roi)} spend)`;
}

export function valueSignals(agg: AccountAggregates, growth: number | null, t: Thresholds['value']): ValueSignals {
  const o = agg.outcomes;
  if (o === null) return NO_OUTCOMES;
  const roi = divide(o.value_30d, agg.spend_30d);
  const efficiency = efficiencyRatio(o.count_30d, agg.units_30d);
  const earlier = efficiencyRatio(o.count_prev_30d, agg.units_prev_30d);
  const change = efficiency === null || earlier === null ? null : divide(efficiency - earlier, earlier, 100);
  const target = agg.account.outcome_target_monthly;
  return {
    outcomes_30d: o.count_30d,
    value_usd_30d: o.value_30d,
    roi_multiple: roi,
    efficiency: efficiency === null ? null : clean(efficiency),
    efficiency_change_pct: change,
    overconsumption: isOverconsumption({ growth_30d_pct: growth, efficiency_change_pct: change, roi_multiple: roi }, t),
    // Decision: a target of 0 is a division by zero, so null like a missing target.
    outcome_attainment_pct: target === null ? null : divide(o.count_30d, target, 100),
    value_summary: valueSummary(o, roi),
  };
}
