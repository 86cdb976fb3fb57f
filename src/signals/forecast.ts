/** SIGNALS.md §4: month spend forecast and bill-shock risk. */
import type { AccountAggregates } from '../domain/aggregates';
import type { BillShockRisk, Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { addDays, diffDays, monthEnd, weekday } from '../domain/dates';
import { clean } from './round';

export type ForecastSignals = Pick<Signals, 'mtd_spend_usd' | 'last_month_usd' | 'forecast_month_usd' | 'bill_shock_risk'>;

/**
 * MTD plus, for each remaining day of T's month (T excluded), the mean spend of the last four
 * same-weekday days ≤ T. Those four days all lie in T-27 .. T, so the per-weekday sum over 28 days
 * divided by 4 is that mean, a day without usage counting 0 (also before contract_start).
 */
export function forecastMonth(asOf: string, mtd: number, weekdaySpend28d: readonly number[]): number {
  let forecast = mtd;
  const remaining = diffDays(asOf, monthEnd(asOf));
  for (let i = 1; i <= remaining; i++) {
    forecast += (weekdaySpend28d[weekday(addDays(asOf, i))] ?? 0) / 4;
  }
  return clean(forecast);
}

/**
 * A budget, when set, is the reference (a budget of 0 makes any forecast spend "high"); without one,
 * last month is, and with last month at 0 there is no reference at all, so the risk is null.
 */
export function classifyBillShock(
  forecast: number,
  budget: number | null,
  lastMonth: number,
  t: Thresholds['bill_shock'],
): BillShockRisk | null {
  const [reference, high, elevated] =
    budget !== null
      ? [budget, t.budget_high_ratio, t.budget_elevated_ratio]
      : [lastMonth, t.last_month_high_ratio, t.last_month_elevated_ratio];
  if (budget === null && lastMonth === 0) return null;
  if (forecast > clean(reference * high)) return 'high';
  return forecast > clean(reference * elevated) ? 'elevated' : 'low';
}

export function forecastSignals(agg: AccountAggregates, t: Thresholds['bill_shock']): ForecastSignals {
  const forecast = forecastMonth(agg.as_of, agg.mtd_spend, agg.weekday_spend_28d);
  return {
    mtd_spend_usd: agg.mtd_spend,
    last_month_usd: agg.last_month_spend,
    forecast_month_usd: forecast,
    bill_shock_risk: classifyBillShock(forecast, agg.account.monthly_budget_usd, agg.last_month_spend, t),
  };
}
