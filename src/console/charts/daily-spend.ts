/** Daily spend over 180 days, with this month's forecast marked over the month it forecasts. */
import { addDays } from '../../domain/dates';
import { usd } from '../format';
import type { Html } from '../html';
import { axisText, chart, grid, noData, PALETTE } from './render';

export interface DailySpendView {
  series: readonly { as_of: string; spend_day: number }[];
  /** The as-of day of the forecast. */
  as_of: string;
  forecast_month_usd: number;
  mtd_spend_usd: number;
  budget_month_usd: number | null;
}

function lastDayOfMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

export function dailySpendChart(view: DailySpendView): Html {
  const title = 'Daily spend, last 180 days';
  if (view.series.length === 0) return noData(title, 'No spend has been recorded for this account yet.');
  const month = view.as_of.slice(0, 7);
  const monthEnd = lastDayOfMonth(view.as_of);
  const remaining = Math.max(0, Math.round((Date.parse(monthEnd) - Date.parse(view.as_of)) / 86_400_000));
  // The forecast's remaining spend spread evenly over the month's remaining days: a dashed projection.
  const perDay = remaining > 0 ? Math.max(0, view.forecast_month_usd - view.mtd_spend_usd) / remaining : 0;
  const projection = Array.from({ length: remaining }, (_, i) => [addDays(view.as_of, i + 1), perDay]);
  const budget = view.budget_month_usd === null ? '' : ` against a budget of ${usd(view.budget_month_usd)}`;
  const summary = `${view.series.length} days from ${view.series[0]?.as_of} to ${view.series[view.series.length - 1]?.as_of}; ${month} is forecast at ${usd(view.forecast_month_usd)} (${usd(view.mtd_spend_usd)} so far)${budget}.`;
  return chart(
    { title, summary },
    {
      grid,
      legend: { top: 4, textStyle: axisText },
      xAxis: { type: 'time', axisLabel: axisText },
      yAxis: { type: 'value', axisLabel: { ...axisText, formatter: (v: number) => usd(v) } },
      series: [
        {
          name: 'spend per day', type: 'bar', barMaxWidth: 4, itemStyle: { color: PALETTE[0] },
          data: view.series.map((p) => [p.as_of, p.spend_day]),
          markArea: {
            itemStyle: { color: 'rgba(179,64,10,0.08)' },
            label: { color: PALETTE[1], position: 'insideTop', formatter: `${month} forecast ${usd(view.forecast_month_usd)}` },
            data: [[{ xAxis: `${month}-01` }, { xAxis: monthEnd }]],
          },
        },
        { name: 'forecast for the rest of the month', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: PALETTE[1] }, itemStyle: { color: PALETTE[1] }, data: projection },
      ],
    },
  );
}
