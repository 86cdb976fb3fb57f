import { computeSignals } from '../../../src/signals/compute';
import { expansionSignals } from '../../../src/signals/expansion';
import type { ExpansionInputs } from '../../../src/signals/expansion';
import { makeAggregates, makeCommitment, makeThresholds } from './factory';

const t = makeThresholds();
const quiet: ExpansionInputs = {
  commit_days_early: null,
  commit_projected_pct: null,
  outcome_attainment_pct: null,
  new_use_cases_90d: 0,
  use_cases_30d: 2,
  new_teams_90d: 0,
  growth_30d_pct: 0,
};
const signal = (o: Partial<ExpansionInputs>) => expansionSignals({ ...quiet, ...o }, t.expansion);

describe('expansion (§10)', () => {
  it('is none, 0 and no flags for a quiet account', () => {
    expect(signal({})).toEqual({ expansion_signal: 'none', expansion_score: 0, expansion_flags: '' });
  });

  it('raises each flag at its boundary, not below', () => {
    expect(signal({ commit_days_early: 30 }).expansion_flags).toBe('commit_early_exhaustion');
    expect(signal({ commit_days_early: 29 }).expansion_flags).toBe('');
    expect(signal({ commit_projected_pct: 90.01 }).expansion_flags).toBe('usage_threshold');
    expect(signal({ commit_projected_pct: 90 }).expansion_flags).toBe('');
    expect(signal({ outcome_attainment_pct: 150 }).expansion_flags).toBe('outcome_velocity');
    expect(signal({ outcome_attainment_pct: 149.9 }).expansion_flags).toBe('');
    expect(signal({ new_use_cases_90d: 1, use_cases_30d: 3 }).expansion_flags).toBe('feature_breadth');
    expect(signal({ new_use_cases_90d: 1, use_cases_30d: 2 }).expansion_flags).toBe('');
    expect(signal({ new_use_cases_90d: 0, use_cases_30d: 5 }).expansion_flags).toBe('');
    expect(signal({ new_teams_90d: 1 }).expansion_flags).toBe('team_spread');
    expect(signal({ growth_30d_pct: 25 }).expansion_flags).toBe('rapid_growth');
    expect(signal({ growth_30d_pct: 24.99 }).expansion_flags).toBe('');
  });

  it('never raises a flag on a null input', () => {
    expect(signal({ new_use_cases_90d: null, new_teams_90d: null, growth_30d_pct: null, use_cases_30d: 9 }).expansion_flags).toBe('');
  });

  it('leads with the first flag in priority order and adds their points', () => {
    expect(signal({ new_teams_90d: 1, growth_30d_pct: 40, outcome_attainment_pct: 200 })).toEqual({
      expansion_signal: 'outcome_velocity',
      expansion_score: 20 + 15 + 10,
      expansion_flags: 'outcome_velocity,team_spread,rapid_growth',
    });
  });

  it('caps the score at 100', () => {
    const all = signal({
      commit_days_early: 60, commit_projected_pct: 120, outcome_attainment_pct: 200, new_use_cases_90d: 1, use_cases_30d: 3, new_teams_90d: 1, growth_30d_pct: 30,
    });
    expect(all.expansion_score).toBe(100);
    expect(all.expansion_signal).toBe('commit_early_exhaustion');
    expect(all.expansion_flags.split(',')).toHaveLength(6);
  });

  it('reads the flags from the computed signals', () => {
    // Reached on Feb 10 of a year-long commitment: 325 days early, and projected far over.
    const s = computeSignals(makeAggregates({ commitment: makeCommitment({ consumed_usd: 40_000, reached_day: '2024-02-10' }) }), t);
    expect(s).toMatchObject({ expansion_signal: 'commit_early_exhaustion', expansion_score: 55, expansion_flags: 'commit_early_exhaustion,usage_threshold' });
  });
});
