import { computeSignals } from '../../../src/signals/compute';
import { componentScores, healthInputs, healthTier, riskDrivers } from '../../../src/signals/health';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();

describe('health score (§9)', () => {
  it('scores each component on its piecewise line', () => {
    const scores = componentScores({ trend: -15, commitment: 150, predictability: 0.1, breadth: 2.5, engagement: 25, value: 2 }, t.health);
    expect(scores).toEqual({ trend: 30, commitment: 80, predictability: 80, breadth: 85, engagement: 50, value: 75 });
    const clamped = componentScores({ trend: -40, commitment: 35, predictability: 0.7, breadth: 9, engagement: 80, value: 5 }, t.health);
    expect(clamped).toEqual({ trend: 0, commitment: 0, predictability: 0, breadth: 100, engagement: 100, value: 100 });
  });

  it('averages the components by weight (hand-computed)', () => {
    // trend 0% → 60, cv 0 → 100, 2 use cases → 70, stickiness 40% → 80, ROI 2 → 75; no commitment.
    const s = computeSignals(makeAggregates(), t);
    expect(s.health_score).toBeCloseTo((25 * 60 + 10 * 100 + 15 * 70 + 15 * 80 + 15 * 75) / 80, 10);
    expect(s.health_tier).toBe('healthy');
  });

  it('drops missing models from the score and renormalizes the weights', () => {
    const s = computeSignals(makeAggregates({ active_users: null, outcomes: null }), t);
    expect(s.health_score).toBe((25 * 60 + 10 * 100 + 15 * 70) / 50);
    // trend 60 and breadth 70 are not below neutral: no drivers (v1 listed both).
    expect(s.risk_drivers).toBeNull();
  });

  it('is null when no component can be scored', () => {
    const inputs = { trend: null, commitment: null, predictability: null, breadth: null, engagement: null, value: null };
    expect(riskDrivers(inputs, componentScores(inputs, t.health), t.health.weights)).toBeNull();
    expect(healthTier(null, t.health.tiers)).toBeNull();
  });

  it('takes the tier from the score rounded half up', () => {
    expect(healthTier(69.5, t.health.tiers)).toBe('healthy');
    expect(healthTier(69.49, t.health.tiers)).toBe('watch');
    expect(healthTier(39.5, t.health.tiers)).toBe('watch');
    expect(healthTier(39.49, t.health.tiers)).toBe('at_risk');
  });

  it('names the three worst components, worst first, with their inputs', () => {
    const s = computeSignals(
      makeAggregates({
        spend_30d: 1316,
        spend_prev_30d: 2000,
        use_cases_30d: 1,
        active_users: { dau_sum_28d: 28 * 25, mau_at_t: 50 },
        outcomes: { count_30d: 10, value_30d: 526.4, count_prev_30d: 10, first_roi_day: null },
      }),
      t,
    );
    // shortfalls: trend 25 × 100, value 15 × 80, breadth 15 × 60; engagement and predictability none.
    expect(s.risk_drivers).toBe(
      'trend: spend down 34.2% vs the previous 30 days; value: value delivered is 0.4× spend; breadth: only 1 use case active in the last 30 days',
    );
  });

  it('describes commitment, predictability and engagement inputs too', () => {
    const inputs = healthInputs({ growth_30d_pct: 20, commit_projected_pct: 55, volatility_cv: 0.4, use_cases_30d: 3, stickiness_pct: 12.5, roi_multiple: 3 });
    expect(riskDrivers(inputs, componentScores(inputs, t.health), t.health.weights)).toBe(
      "commitment: on pace to use 55% of the commitment by the end of its period; engagement: 12.5% of the month's users are active on an average day; predictability: weekly spend swings 40% around its average (last 8 weeks)",
    );
  });

  it('is null when nothing falls short', () => {
    const inputs = healthInputs({ growth_30d_pct: 25, commit_projected_pct: 100, volatility_cv: 0, use_cases_30d: 3, stickiness_pct: 60, roi_multiple: 3 });
    expect(riskDrivers(inputs, componentScores(inputs, t.health), t.health.weights)).toBeNull();
  });

  it('never lists good news: spend up 12.5% on a healthy account is no risk (v1.1)', () => {
    const s = computeSignals(makeAggregates({ spend_30d: 3375, spend_prev_30d: 3000 }), t);
    expect(s.health_tier).toBe('healthy');
    expect(s.growth_30d_pct).toBe(12.5);
    expect(s.risk_drivers).toBeNull();
  });

  it('lists only the components below 60, a score of exactly 60 being neutral', () => {
    // trend −0.1% → 59.8 (a driver); breadth 2 → 70, engagement 30% → 60 (neither).
    const inputs = healthInputs({ growth_30d_pct: -0.1, commit_projected_pct: null, volatility_cv: 0.1, use_cases_30d: 2, stickiness_pct: 30, roi_multiple: 2 });
    expect(componentScores(inputs, t.health).engagement).toBe(60);
    expect(riskDrivers(inputs, componentScores(inputs, t.health), t.health.weights)).toBe('trend: spend down 0.1% vs the previous 30 days');
  });

  it('breaks ties in the table order and stops at three', () => {
    // breadth, engagement and value weigh 15 each and all score 0; predictability (10) scores 0 too.
    const inputs = healthInputs({ growth_30d_pct: 0, commit_projected_pct: null, volatility_cv: 0.6, use_cases_30d: 0, stickiness_pct: 0, roi_multiple: 0 });
    expect(riskDrivers(inputs, componentScores(inputs, t.health), t.health.weights)).toBe(
      "breadth: no use case active in the last 30 days; engagement: 0% of the month's users are active on an average day; value: no value recorded for the spend (0× spend)",
    );
  });

  it('words a rising input when custom points put it below neutral', () => {
    const custom = makeThresholds({ health: { points: { trend: [[0, 0], [100, 100]] } } });
    const inputs = healthInputs({ growth_30d_pct: 12.46, commit_projected_pct: null, volatility_cv: null, use_cases_30d: 3, stickiness_pct: 50, roi_multiple: 3 });
    expect(riskDrivers(inputs, componentScores(inputs, custom.health), custom.health.weights)).toBe('trend: spend up 12.5% vs the previous 30 days');
  });
});
