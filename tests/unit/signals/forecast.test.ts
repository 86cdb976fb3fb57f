import { classifyBillShock, forecastMonth } from '../../../src/signals/forecast';
import { computeSignals } from '../../../src/signals/compute';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();
const week = [7, 1, 2, 3, 4, 5, 6]; // Sunday .. Saturday

describe('forecast (§4)', () => {
  it('matches the worked example (acct-0000 as of 2024-02-20)', () => {
    expect(forecastMonth('2024-02-20', 576.55, [29.07, 75.51, 187.42, 120.49, 78.73, 58.22, 27.11])).toBeCloseTo(770.4925, 9);
  });

  it('adds a quarter of the same-weekday 28-day sum for each day left, T excluded', () => {
    // 2024-02-27 is a Tuesday: Wed 28, Thu 29 (leap day) remain.
    expect(forecastMonth('2024-02-27', 100, week)).toBe(100 + (3 + 4) / 4);
    // 2023-02-27 is a Monday: only Tue 28 remains.
    expect(forecastMonth('2023-02-27', 100, week)).toBe(100 + 2 / 4);
  });

  it('is the MTD spend on the last day of the month, and crosses no year boundary', () => {
    expect(forecastMonth('2023-12-31', 100, week)).toBe(100);
    expect(forecastMonth('2023-12-30', 100, week)).toBe(100 + 7 / 4); // Sunday Dec 31
  });

  it('compares with the budget when there is one', () => {
    const b = t.bill_shock;
    expect(classifyBillShock(1000.01, 1000, 0, b)).toBe('high');
    expect(classifyBillShock(1000, 1000, 0, b)).toBe('elevated');
    expect(classifyBillShock(900.01, 1000, 5000, b)).toBe('elevated');
    expect(classifyBillShock(900, 1000, 10, b)).toBe('low');
  });

  it('compares with last month without a budget, and is null when last month was 0', () => {
    const b = t.bill_shock;
    expect(classifyBillShock(1500.01, null, 1000, b)).toBe('high');
    expect(classifyBillShock(1500, null, 1000, b)).toBe('elevated');
    expect(classifyBillShock(1250, null, 1000, b)).toBe('low');
    expect(classifyBillShock(5000, null, 0, b)).toBeNull();
  });

  it('fills the Signals fields from the aggregates', () => {
    const s = computeSignals(
      makeAggregates({ as_of: '2024-02-27', mtd_spend: 2600, last_month_spend: 0, weekday_spend_28d: week, account: { monthly_budget_usd: 2000 } }),
      t,
    );
    expect(s).toMatchObject({ mtd_spend_usd: 2600, last_month_usd: 0, forecast_month_usd: 2601.75, bill_shock_risk: 'high' });
  });
});
