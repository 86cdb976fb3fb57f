/** The commitment's burn-down: cumulative spend from period_start against the committed amount, with the projected exhaustion day. */
import { addDays } from '../../domain/dates';
import { usd } from '../format';
import type { Html } from '../html';
import { axisText, chart, grid, noData, PALETTE } from './render';

export interface BurnDownView {
  commitment: { period_start: string; period_end: string; committed_usd: number } | null;
  /** Daily spend within the period so far, oldest first. */
  series: readonly { as_of: string; spend_day: number }[];
  /** The as-of day's projected exhaustion; null when the commitment lasts the period. */
  exhaustion_date: string | null;
  /** Spend from period_start to the as-of day (the signal): anchors the line when the history starts after period_start. */
  consumed_usd: number | null;
  /** Spend per day the projection runs at. */
  run_rate_daily: number;
}

export function burnDownChart(view: BurnDownView): Html {
  const title = 'Commitment burn-down';
  const { commitment } = view;
  if (commitment === null) return noData(title, 'No commitment covers the latest day.');
  const inPeriod = view.series.filter((p) => p.as_of >= commitment.period_start && p.as_of <= commitment.period_end);
  // History may start after period_start: what was spent before it is the signal's consumed less the days shown.
  const shown = inPeriod.reduce((n, p) => n + p.spend_day, 0);
  let total = view.consumed_usd === null ? 0 : Math.max(0, view.consumed_usd - shown);
  const cumulative = inPeriod.map((p) => [p.as_of, (total += p.spend_day)] as [string, number]);
  const last = cumulative[cumulative.length - 1];
  // The projection runs from the last recorded day at the run rate, to the period's end.
  const projection: [string, number][] = [];
  if (last !== undefined && view.run_rate_daily > 0) {
    const days = Math.round((Date.parse(commitment.period_end) - Date.parse(last[0])) / 86_400_000);
    const step = Math.max(1, Math.ceil(days / 60));
    for (let d = 0; d <= days; d += step) projection.push([addDays(last[0], d), last[1] + d * view.run_rate_daily]);
    if (days % step !== 0) projection.push([commitment.period_end, last[1] + days * view.run_rate_daily]);
  }
  const exhaustion = view.exhaustion_date === null ? null : `Exhausts ${view.exhaustion_date}`;
  const summary =
    `${usd(total)} of ${usd(commitment.committed_usd)} committed spent from ${commitment.period_start} to ${last?.[0] ?? commitment.period_start}; ` +
    (exhaustion === null ? `at the current rate it lasts to ${commitment.period_end}.` : `at the current rate it is exhausted on ${view.exhaustion_date}, before ${commitment.period_end}.`);
  return chart(
    { title, summary },
    {
      grid: { ...grid, top: 48 },
      legend: { top: 4, textStyle: axisText },
      xAxis: { type: 'time', min: commitment.period_start, max: commitment.period_end, axisLabel: axisText },
      yAxis: { type: 'value', axisLabel: { ...axisText, formatter: (v: number) => usd(v) } },
      series: [
        {
          name: 'spent', type: 'line', symbol: 'none', lineStyle: { width: 2 }, itemStyle: { color: PALETTE[0] }, data: cumulative,
          markLine: {
            symbol: 'none',
            data: [
              { yAxis: commitment.committed_usd, lineStyle: { color: INK_LINE, type: 'solid' }, label: { position: 'insideEndTop', color: INK_LINE, formatter: `Committed ${usd(commitment.committed_usd)}` } },
              ...(view.exhaustion_date === null ? [] : [{ xAxis: view.exhaustion_date, lineStyle: { color: PALETTE[1], type: 'dashed' }, label: { position: 'end', color: PALETTE[1], formatter: exhaustion } }]),
            ],
          },
        },
        { name: 'projected', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: PALETTE[1] }, itemStyle: { color: PALETTE[1] }, data: projection },
      ],
    },
  );
}

const INK_LINE = '#1f2328';
