/** SIGNALS.md §10: expansion flags, the leading signal and the score. */
import type { ExpansionFlag, Signals } from '../domain/signals';
import { EXPANSION_FLAGS } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';

export type ExpansionSignals = Pick<Signals, 'expansion_signal' | 'expansion_score' | 'expansion_flags'>;
export type ExpansionInputs = Pick<
  Signals,
  'commit_days_early' | 'commit_projected_pct' | 'outcome_attainment_pct' | 'new_use_cases_90d' | 'use_cases_30d' | 'new_teams_90d' | 'growth_30d_pct'
>;

/** A null input never raises a flag. */
export function flagHolds(flag: ExpansionFlag, s: ExpansionInputs, t: Thresholds['expansion']): boolean {
  const atLeast = (x: number | null, min: number): boolean => x !== null && x >= min;
  switch (flag) {
    case 'commit_early_exhaustion':
      return atLeast(s.commit_days_early, t.early_exhaustion_days);
    case 'usage_threshold':
      return s.commit_projected_pct !== null && s.commit_projected_pct > t.usage_threshold_pct;
    case 'outcome_velocity':
      return atLeast(s.outcome_attainment_pct, t.outcome_velocity_pct);
    case 'feature_breadth':
      return atLeast(s.new_use_cases_90d, 1) && s.use_cases_30d >= t.breadth_min_use_cases;
    case 'team_spread':
      return atLeast(s.new_teams_90d, 1);
    case 'rapid_growth':
      return atLeast(s.growth_30d_pct, t.rapid_growth_pct);
  }
}

/** The flags that hold, in priority order. */
export function expansionFlags(s: ExpansionInputs, t: Thresholds['expansion']): ExpansionFlag[] {
  return EXPANSION_FLAGS.filter((f) => flagHolds(f, s, t));
}

export function expansionSignals(s: ExpansionInputs, t: Thresholds['expansion']): ExpansionSignals {
  const flags = expansionFlags(s, t);
  return {
    expansion_signal: flags[0] ?? 'none',
    expansion_score: Math.min(100, flags.reduce((sum, f) => sum + t.points[f], 0)),
    expansion_flags: flags.join(','),
  };
}
