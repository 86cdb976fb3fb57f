import { computeSignals } from '../../../src/signals/compute';
import { valueSummary } from '../../../src/signals/value';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();
const outcomes = { count_30d: 300, value_30d: 6000, count_prev_30d: 300, first_roi_day: null };

describe('value realization (§7)', () => {
  it('computes ROI, efficiency and its change', () => {
    const s = computeSignals(makeAggregates({ outcomes: { ...outcomes, count_prev_30d: 400 } }), t);
    expect(s).toMatchObject({ outcomes_30d: 300, value_usd_30d: 6000, roi_multiple: 2, efficiency: 1, efficiency_change_pct: -25 });
    expect(s.overconsumption).toBe(false);
  });

  it('is all null without the outcomes model', () => {
    const s = computeSignals(makeAggregates({ outcomes: null, account: { outcome_target_monthly: 100 } }), t);
    expect([s.outcomes_30d, s.value_usd_30d, s.roi_multiple, s.efficiency, s.efficiency_change_pct, s.overconsumption]).toEqual([
      null, null, null, null, null, null,
    ]);
    expect([s.outcome_attainment_pct, s.value_summary]).toEqual([null, null]);
  });

  it('has no ratio to divide by zero', () => {
    const noSpend = computeSignals(makeAggregates({ spend_30d: 0, units_30d: 0, outcomes }), t);
    expect(noSpend).toMatchObject({ roi_multiple: null, efficiency: null, efficiency_change_pct: null, overconsumption: false });
    const noEarlier = computeSignals(makeAggregates({ units_prev_30d: 0, outcomes }), t);
    expect(noEarlier.efficiency_change_pct).toBeNull();
    const earlierZero = computeSignals(makeAggregates({ outcomes: { ...outcomes, count_prev_30d: 0 } }), t);
    expect(earlierZero.efficiency_change_pct).toBeNull();
  });

  it('flags overconsumption on growth with falling efficiency, boundaries included', () => {
    const grow = (spend_30d: number, count_30d: number) =>
      computeSignals(makeAggregates({ spend_30d, spend_prev_30d: 1000, outcomes: { ...outcomes, count_30d, value_30d: 10_000 } }), t);
    expect(grow(1250, 240).overconsumption).toBe(true); // +25%, −20%
    expect(grow(1249, 240).overconsumption).toBe(false);
    expect(grow(1250, 241).overconsumption).toBe(false);
  });

  it('flags overconsumption when value is below spend', () => {
    expect(computeSignals(makeAggregates({ outcomes: { ...outcomes, value_30d: 2999 } }), t).overconsumption).toBe(true);
    expect(computeSignals(makeAggregates({ outcomes: { ...outcomes, value_30d: 3000 } }), t).overconsumption).toBe(false);
  });

  it('measures attainment against the monthly target', () => {
    expect(computeSignals(makeAggregates({ outcomes, account: { outcome_target_monthly: 200 } }), t).outcome_attainment_pct).toBe(150);
    expect(computeSignals(makeAggregates({ outcomes, account: { outcome_target_monthly: null } }), t).outcome_attainment_pct).toBeNull();
    expect(computeSignals(makeAggregates({ outcomes, account: { outcome_target_monthly: 0 } }), t).outcome_attainment_pct).toBeNull();
  });

  it('sums up the value in words', () => {
    expect(computeSignals(makeAggregates({ outcomes }), t).value_summary).toBe('Last 30 days: 300 outcomes, est. $6,000 value (2.0× spend)');
    expect(valueSummary({ ...outcomes, count_30d: 5012, value_30d: 41_187.6 }, 3.14)).toBe(
      'Last 30 days: 5,012 outcomes, est. $41,188 value (3.1× spend)',
    );
    expect(valueSummary({ ...outcomes, count_30d: 1, value_30d: 12 }, null)).toBe('Last 30 days: 1 outcome, est. $12 value');
    expect(valueSummary({ ...outcomes, count_30d: 0, value_30d: 0 }, 0)).toBe('Last 30 days: 0 outcomes, est. $0 value (0.0× spend)');
    expect(valueSummary({ ...outcomes, count_30d: 2, value_30d: 1 }, 0.01)).toBe('Last 30 days: 2 outcomes, est. $1 value (<0.1× spend)');
  });
});
