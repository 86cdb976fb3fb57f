/** SIGNALS.md §2: predictability of weekly spend. */
import type { AccountAggregates } from '../domain/aggregates';
import type { Predictability, Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { divide } from './round';

export type PredictabilitySignals = Pick<Signals, 'volatility_cv' | 'predictability'>;

/** Population standard deviation / mean; null when the mean is 0 (or there are no weeks). */
export function coefficientOfVariation(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean === 0) return null;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return divide(Math.sqrt(variance), mean);
}

export function classifyPredictability(cv: number | null, t: Thresholds['predictability']): Predictability | null {
  if (cv === null) return null;
  if (cv < t.predictable_cv) return 'predictable';
  return cv < t.variable_cv ? 'variable' : 'erratic';
}

export function predictabilitySignals(
  agg: AccountAggregates,
  tenure: number,
  t: Thresholds['predictability'],
): PredictabilitySignals {
  // Eight weeks of a younger account include weeks before it started, which would read as volatility.
  const cv = tenure < t.min_tenure_days ? null : coefficientOfVariation(agg.weekly_spend);
  return { volatility_cv: cv, predictability: classifyPredictability(cv, t) };
}
