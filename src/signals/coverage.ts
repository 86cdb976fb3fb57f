/** SIGNALS.md §12: annualized run rate and the coverage motion it implies. */
import type { Coverage, Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { clean } from './round';

export type CoverageSignals = Pick<Signals, 'arr_usd' | 'coverage'>;

export function classifyCoverage(arr: number, t: Thresholds['coverage']): Coverage {
  if (arr >= t.high_touch_arr) return 'high_touch';
  return arr >= t.tech_touch_arr ? 'tech_touch' : 'product_led';
}

export function coverageSignals(spend30d: number, t: Thresholds['coverage']): CoverageSignals {
  const arr = clean((spend30d * 365) / 30);
  return { arr_usd: arr, coverage: classifyCoverage(arr, t) };
}
