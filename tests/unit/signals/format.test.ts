import { formatSignals, formatValue } from '../../../src/signals/format';
import { roundTo } from '../../../src/signals/round';
import { computeSignals } from '../../../src/signals/compute';
import { SIGNAL_FIELDS } from '../../../src/domain/signals';
import { makeAggregates, makeThresholds } from './factory';

describe('roundTo', () => {
  it('is not fooled by binary representation', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(1.015, 2)).toBe(1.02);
    expect(roundTo(8.345, 2)).toBe(8.35);
    expect(roundTo(1399.5749999999998, 2)).toBe(1399.58);
    expect(roundTo(0.1 + 0.2, 1)).toBe(0.3);
  });

  it('rounds halves away from zero and never returns -0', () => {
    expect(roundTo(-12.35, 1)).toBe(-12.4);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
  });

  it('leaves numbers too large to have decimals as they are', () => {
    expect(roundTo(1.7e308, 3)).toBe(1.7e308);
  });
});

describe('formatValue', () => {
  it('rounds by output kind', () => {
    expect(formatValue('money', 576.5449)).toBe(576.54);
    expect(formatValue('money', 93446.935)).toBe(93446.94);
    expect(formatValue('percent', 37.45)).toBe(37.5);
    expect(formatValue('percent', -2.749)).toBe(-2.7);
    expect(formatValue('ratio', 0.1045)).toBe(0.105);
    expect(formatValue('days', 4)).toBe(4);
    expect(formatValue('count', 3)).toBe(3);
  });

  it('rounds health_score half up', () => {
    expect(formatValue('integer', 69.5)).toBe(70);
    expect(formatValue('integer', 69.49999)).toBe(69);
    expect(formatValue('integer', 0.5)).toBe(1);
  });

  it('takes only float noise off plain numbers', () => {
    expect(formatValue('number', 102626.00000000001)).toBe(102626);
    expect(formatValue('number', 12.5)).toBe(12.5);
  });

  it('passes null, text, dates and booleans through', () => {
    expect(formatValue('percent', null)).toBeNull();
    expect(formatValue('date', '2024-02-29')).toBe('2024-02-29');
    expect(formatValue('boolean', false)).toBe(false);
    expect(formatValue('text', '')).toBe('');
  });
});

describe('formatSignals', () => {
  it('emits every field in SIGNAL_FIELDS order, rounded', () => {
    const out = formatSignals(computeSignals(makeAggregates({ spend_30d: 1000.005, spend_prev_30d: 900 }), makeThresholds()));
    expect(Object.keys(out)).toEqual([...SIGNAL_FIELDS]);
    expect(out.spend_30d).toBe(1000.01);
    expect(out.growth_30d_pct).toBe(11.1);
    expect(out.run_rate_daily).toBe(33.33);
    expect(Number.isInteger(out.health_score)).toBe(true);
  });
});
