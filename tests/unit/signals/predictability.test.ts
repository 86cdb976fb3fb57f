import { computeSignals } from '../../../src/signals/compute';
import { classifyPredictability, coefficientOfVariation } from '../../../src/signals/predictability';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();

describe('predictability (§2)', () => {
  it('is the population standard deviation over the mean', () => {
    // mean 100, deviations ±50 → population sd 50 → cv 0.5
    expect(coefficientOfVariation([50, 150, 50, 150, 50, 150, 50, 150])).toBeCloseTo(0.5, 12);
    expect(coefficientOfVariation([10, 10, 10, 10, 10, 10, 10, 10])).toBe(0);
    expect(coefficientOfVariation([0, 0, 0, 0, 0, 0, 0, 0])).toBeNull();
  });

  it('classifies with strict upper bounds', () => {
    expect(classifyPredictability(0.2499, t.predictability)).toBe('predictable');
    expect(classifyPredictability(0.25, t.predictability)).toBe('variable');
    expect(classifyPredictability(0.5, t.predictability)).toBe('erratic');
    expect(classifyPredictability(null, t.predictability)).toBeNull();
  });

  it('needs 56 days of tenure', () => {
    const weekly = [100, 120, 80, 100, 100, 120, 80, 100];
    const at = (as_of: string) => computeSignals(makeAggregates({ as_of, weekly_spend: weekly, account: { contract_start: '2024-01-01' } }), t);
    expect(at('2024-02-25').volatility_cv).toBeNull(); // tenure 55
    expect(at('2024-02-25').predictability).toBeNull();
    expect(at('2024-02-26').volatility_cv).toBeCloseTo(Math.sqrt(200) / 100, 12); // tenure 56
    expect(at('2024-02-26').predictability).toBe('predictable');
  });

  it('is null for eight empty weeks', () => {
    const s = computeSignals(makeAggregates({ weekly_spend: [0, 0, 0, 0, 0, 0, 0, 0] }), t);
    expect(s.volatility_cv).toBeNull();
    expect(s.predictability).toBeNull();
  });
});
