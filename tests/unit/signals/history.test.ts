/**
 * SIGNALS.md v1.1: figures that need usage from before the warehouse's history starts are null
 * (§3, §5, §11), not a guess. As of 2024-02-20 (factory default).
 */
import { computeSignals } from '../../../src/signals/compute';
import { makeAggregates, makeCommitment, makeThresholds } from './factory';

const t = makeThresholds();
const nrr = { r0: 1000, r1: 1500, base: 800, intensity: 300, team_expansion: 150, use_case_expansion: 250 };

describe('history start (v1.1)', () => {
  it('nulls time to value, onboarding included, for a contract signed before the history starts', () => {
    // A three-year-old customer: first usage in the warehouse 740 days after the contract, which v1 called `late`.
    const at = (history_start: string | null) =>
      computeSignals(
        makeAggregates({
          history_start,
          account: { contract_start: '2020-06-01', target_daily_units: 100 },
          first_meaningful_day: '2022-06-11',
          first_target_day: '2022-06-20',
        }),
        t,
      );
    const before = at('2022-06-10');
    expect([before.ttfv_days, before.onboarding, before.time_to_target_days, before.time_to_roi_days]).toEqual([null, null, null, null]);
    // On the contract day itself the history covers it: the figures stand.
    expect(at('2020-06-01')).toMatchObject({ ttfv_days: 740, onboarding: 'late', time_to_target_days: 749 });
    // No usage at all up to T: nothing is known to be missing.
    expect(at(null)).toMatchObject({ ttfv_days: 740, onboarding: 'late' });
  });

  it('keeps a stalled onboarding when the contract is inside the history', () => {
    const s = computeSignals(makeAggregates({ history_start: '2023-01-01', account: { contract_start: '2024-01-01' }, first_meaningful_day: null }), t);
    expect(s.onboarding).toBe('stalled');
  });

  it('nulls the commitment figures when the period started before the history, as if there were no commitment', () => {
    const commitment = makeCommitment({ period_start: '2024-01-01', consumed_usd: 5000 });
    const inside = computeSignals(makeAggregates({ history_start: '2024-01-01', commitment }), t);
    expect(inside).toMatchObject({ commit_status: 'over', commit_elapsed_days: 51 });
    const s = computeSignals(makeAggregates({ history_start: '2024-01-02', commitment }), t);
    expect([
      s.consumed_usd, s.commit_utilization_pct, s.projected_period_usd, s.commit_projected_pct, s.commit_status,
      s.commit_exhaustion_date, s.commit_days_early, s.projected_overage_usd, s.commit_elapsed_days,
    ]).toEqual(Array(9).fill(null));
    // The run rate needs only the last 30 days; it stays, as without a commitment.
    expect(s.run_rate_daily).toBe(100);
    // The commitment drops out of the health score rather than scoring an unknown pace.
    expect(s.health_score).toBe(computeSignals(makeAggregates({ history_start: '2024-01-02', commitment: null }), t).health_score);
  });

  it('nulls NRR and its decomposition when the history starts after T − 454 (a partial base window)', () => {
    const at = (history_start: string) => computeSignals(makeAggregates({ nrr, history_start }), t);
    expect(at('2022-11-23').nrr_pct).toBeCloseTo(150, 10);
    const s = at('2022-11-24');
    expect([s.nrr_pct, s.base_retention_pct, s.intensity_expansion_usd, s.team_expansion_usd, s.use_case_expansion_usd]).toEqual([
      null, null, null, null, null,
    ]);
  });
});
