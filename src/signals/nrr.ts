/** SIGNALS.md §11: net revenue retention over (use_case, team) cells, decomposed by driver. */
import { NRR_BASE_DAYS_BACK, type AccountAggregates } from '../domain/aggregates';
import { addDays } from '../domain/dates';
import type { Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { beforeHistory } from './history';
import { divide } from './round';

export type NrrSignals = Pick<
  Signals,
  'nrr_pct' | 'base_retention_pct' | 'intensity_expansion_usd' | 'team_expansion_usd' | 'use_case_expansion_usd'
>;

const NO_NRR: NrrSignals = {
  nrr_pct: null,
  base_retention_pct: null,
  intensity_expansion_usd: null,
  team_expansion_usd: null,
  use_case_expansion_usd: null,
};

export function nrrSignals(agg: AccountAggregates, tenure: number, t: Thresholds['nrr']): NrrSignals {
  const n = agg.nrr;
  // Without a full year plus the 90-day base window, the base is a partial window, not a year-ago baseline.
  if (tenure < t.min_tenure_days || n.r0 === 0) return NO_NRR;
  // v1.1: a base window (T-454 .. T-365) that starts before the warehouse's history is partial, whatever the tenure.
  if (beforeHistory(addDays(agg.as_of, -NRR_BASE_DAYS_BACK), agg.history_start)) return NO_NRR;
  return {
    nrr_pct: divide(n.r1, n.r0, 100),
    base_retention_pct: divide(n.base, n.r0, 100),
    intensity_expansion_usd: n.intensity,
    team_expansion_usd: n.team_expansion,
    use_case_expansion_usd: n.use_case_expansion,
  };
}
