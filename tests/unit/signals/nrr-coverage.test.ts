import { computeSignals } from '../../../src/signals/compute';
import { classifyCoverage } from '../../../src/signals/coverage';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();
const nrr = { r0: 1000, r1: 1500, base: 800, intensity: 300, team_expansion: 150, use_case_expansion: 250 };

describe('NRR (§11)', () => {
  it('decomposes the year-over-year change', () => {
    const s = computeSignals(makeAggregates({ nrr }), t);
    expect(s.nrr_pct).toBeCloseTo(150, 10);
    expect(s.base_retention_pct).toBeCloseTo(80, 10);
    expect(s).toMatchObject({ intensity_expansion_usd: 300, team_expansion_usd: 150, use_case_expansion_usd: 250 });
  });

  it('needs 455 days of tenure', () => {
    const at = (contract_start: string) => computeSignals(makeAggregates({ nrr, account: { contract_start } }), t);
    expect(at('2022-11-23').tenure_days).toBe(454);
    expect(at('2022-11-23').nrr_pct).toBeNull();
    expect(at('2022-11-22').tenure_days).toBe(455);
    expect(at('2022-11-22').nrr_pct).toBeCloseTo(150, 10);
  });

  it('is null, every part of it, when nothing was spent a year ago', () => {
    const s = computeSignals(makeAggregates({ nrr: { ...nrr, r0: 0, base: 0, intensity: 0 } }), t);
    expect([s.nrr_pct, s.base_retention_pct, s.intensity_expansion_usd, s.team_expansion_usd, s.use_case_expansion_usd]).toEqual([
      null, null, null, null, null,
    ]);
  });
});

describe('coverage (§12)', () => {
  it('annualizes the 30-day spend', () => {
    expect(computeSignals(makeAggregates({ spend_30d: 7680.57 }), t).arr_usd).toBeCloseTo(93446.935, 6);
  });

  it('puts the motion boundaries in the upper tier', () => {
    expect(classifyCoverage(100_000, t.coverage)).toBe('high_touch');
    expect(classifyCoverage(99_999.99, t.coverage)).toBe('tech_touch');
    expect(classifyCoverage(10_000, t.coverage)).toBe('tech_touch');
    expect(classifyCoverage(9_999.99, t.coverage)).toBe('product_led');
    expect(computeSignals(makeAggregates({ spend_30d: 0, spend_prev_30d: 0 }), t).coverage).toBe('product_led');
  });
});
