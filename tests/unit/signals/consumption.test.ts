import { computeSignals } from '../../../src/signals/compute';
import { classifyTrend, growthPct } from '../../../src/signals/consumption';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();
const trend = (spend_30d: number, spend_prev_30d: number, tenure_days = 400): string =>
  classifyTrend({ spend_30d, spend_prev_30d, growth_30d_pct: growthPct(spend_30d, spend_prev_30d), tenure_days }, t.trend);

describe('consumption and trend (§1)', () => {
  it('computes growth, null when the previous window is 0', () => {
    expect(growthPct(1320, 2000)).toBeCloseTo(-34, 10);
    expect(growthPct(500, 0)).toBeNull();
    expect(growthPct(0, 0)).toBeNull();
  });

  it('checks the trend rules in order', () => {
    expect(trend(0, 0, 10)).toBe('inactive');
    expect(trend(0, 500, 10)).toBe('stopped');
    expect(trend(500, 0, 10)).toBe('new');
    expect(trend(500, 0)).toBe('growing');
    expect(trend(1100, 1000)).toBe('growing');
    expect(trend(1099, 1000)).toBe('stable');
    expect(trend(901, 1000)).toBe('stable');
    expect(trend(900, 1000)).toBe('declining');
  });

  it('calls an account new below 60 days of tenure, not at 60', () => {
    expect(trend(2000, 1000, 59)).toBe('new');
    expect(trend(2000, 1000, 60)).toBe('growing');
  });

  it('reads tenure from contract_start to T across a leap day', () => {
    const s = computeSignals(makeAggregates({ as_of: '2024-03-01', account: { contract_start: '2024-01-01' } }), t);
    expect(s.tenure_days).toBe(60);
    expect(s.trend).toBe('stable');
  });

  it('carries the windows and growth into Signals', () => {
    const s = computeSignals(makeAggregates({ spend_30d: 1320, spend_prev_30d: 2000, units_30d: 99 }), t);
    expect(s).toMatchObject({ spend_30d: 1320, spend_prev_30d: 2000, units_30d: 99, trend: 'declining' });
    expect(s.growth_30d_pct).toBeCloseTo(-34, 10);
  });

  it('honours overridden trend thresholds', () => {
    const s = computeSignals(makeAggregates({ spend_30d: 1050, spend_prev_30d: 1000 }), makeThresholds({ trend: { growing_pct: 5 } }));
    expect(s.trend).toBe('growing');
  });
});
