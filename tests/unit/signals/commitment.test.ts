import { computeSignals } from '../../../src/signals/compute';
import { classifyCommit } from '../../../src/signals/commitment';
import type { CommitmentAggregates } from '../../../src/domain/aggregates';
import { makeAggregates, makeCommitment, makeThresholds } from './factory';

const t = makeThresholds();
// A 60-day period with T on day 30: 30 days left at a run rate of 100/day (spend_30d 3000).
const period = { period_start: '2024-01-22', period_end: '2024-03-21', committed_usd: 10_000 };
const withCommit = (c: Partial<CommitmentAggregates>, spend_30d = 3000) =>
  computeSignals(makeAggregates({ spend_30d, commitment: makeCommitment({ ...period, ...c }) }), t);

describe('commitment (§3)', () => {
  it('is all null without a commitment, but keeps the run rate', () => {
    const s = computeSignals(makeAggregates({ commitment: null }), t);
    expect(s).toMatchObject({
      consumed_usd: null, commit_utilization_pct: null, projected_period_usd: null, commit_projected_pct: null, commit_status: null,
      commit_exhaustion_date: null, commit_days_early: null, projected_overage_usd: null, commit_elapsed_days: null, run_rate_daily: 100,
    });
  });

  it('projects the period at the 30-day run rate', () => {
    const s = withCommit({ consumed_usd: 4000 });
    expect(s).toMatchObject({ consumed_usd: 4000, commit_elapsed_days: 30, run_rate_daily: 100, projected_period_usd: 7000 });
    expect(s.commit_utilization_pct).toBe(40);
    expect(s.commit_projected_pct).toBe(70);
    expect(s.projected_overage_usd).toBe(0);
  });

  it('treats 70 and 90 as on track', () => {
    expect(withCommit({ consumed_usd: 3999 }).commit_status).toBe('under');
    expect(withCommit({ consumed_usd: 4000 }).commit_status).toBe('on_track');
    expect(withCommit({ consumed_usd: 6000 }).commit_status).toBe('on_track');
    expect(withCommit({ consumed_usd: 6001 }).commit_status).toBe('over');
    expect(classifyCommit(null, t.commitment)).toBeNull();
  });

  it('reports the overage of the projection', () => {
    expect(withCommit({ consumed_usd: 9000 }).projected_overage_usd).toBe(2000);
  });

  it('projects exhaustion inside the period, counting a partial day as whole', () => {
    expect(withCommit({ consumed_usd: 8000 })).toMatchObject({ commit_exhaustion_date: '2024-03-11', commit_days_early: 10 });
    expect(withCommit({ consumed_usd: 7000 })).toMatchObject({ commit_exhaustion_date: '2024-03-21', commit_days_early: 0 });
    expect(withCommit({ consumed_usd: 8950 }).commit_exhaustion_date).toBe('2024-03-02'); // 10.5 days → 11, across Feb 29
  });

  it('has no exhaustion date past the period end or without spend', () => {
    expect(withCommit({ consumed_usd: 6999 })).toMatchObject({ commit_exhaustion_date: null, commit_days_early: null });
    expect(withCommit({ consumed_usd: 8000 }, 0)).toMatchObject({ commit_exhaustion_date: null, commit_days_early: null });
  });

  it('keeps the day it was reached once the commitment is used up', () => {
    const s = withCommit({ consumed_usd: 10_400, reached_day: '2024-02-10' });
    expect(s).toMatchObject({ commit_exhaustion_date: '2024-02-10', commit_days_early: 40 });
    expect(s.commit_utilization_pct).toBe(104);
  });

  it('does not lose a day to float error in the remaining / run-rate division', () => {
    // 1.1 / 0.1 is 11.000000000000002 in binary.
    expect(withCommit({ consumed_usd: 9998.9 }, 3).commit_exhaustion_date).toBe('2024-03-02');
  });

  it('counts elapsed and length across a year boundary', () => {
    const s = computeSignals(
      makeAggregates({
        as_of: '2024-01-05',
        spend_30d: 300,
        commitment: makeCommitment({ period_start: '2023-12-31', period_end: '2024-01-09', committed_usd: 100, consumed_usd: 50 }),
      }),
      t,
    );
    expect(s.commit_elapsed_days).toBe(6);
    expect(s.projected_period_usd).toBe(90); // 50 + 10/day × 4 days left
    expect(s.commit_exhaustion_date).toBeNull(); // 5 more days lands on 2024-01-10, past the end
  });
});
