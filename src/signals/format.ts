/**
 * Output rounding (SIGNALS.md conventions), applied per SIGNAL_OUTPUT_KIND and only here: signals
 * and thresholds stay unrounded everywhere else.
 */
import type { OutputKind, SignalField, Signals } from '../domain/signals';
import { SIGNAL_FIELDS, SIGNAL_OUTPUT_KIND } from '../domain/signals';
import { clean, roundTo } from './round';

export type FormattedSignals = Record<SignalField, string | number | boolean | null>;

const DECIMALS: Partial<Record<OutputKind, number>> = {
  money: 2,
  percent: 1,
  ratio: 3,
  days: 0,
  count: 0,
  // health_score and expansion_score: half up, which roundTo is for non-negative values.
  integer: 0,
};

export function formatValue(kind: OutputKind, value: string | number | boolean | null): string | number | boolean | null {
  if (typeof value !== 'number') return value;
  const decimals = DECIMALS[kind];
  if (decimals !== undefined) return roundTo(value, decimals);
  // 'number' (units, outcome counts) has no rounding rule; only binary noise is taken off.
  return clean(value);
}

/** Every field in SIGNAL_FIELDS order, rounded for output. */
export function formatSignals(s: Signals): FormattedSignals {
  const out = {} as FormattedSignals;
  for (const field of SIGNAL_FIELDS) out[field] = formatValue(SIGNAL_OUTPUT_KIND[field], s[field]);
  return out;
}
