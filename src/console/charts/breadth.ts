/** Use cases and teams active in the trailing 30 days, over time. */
import type { Html } from '../html';
import { axisText, chart, grid, noData, PALETTE } from './render';

export interface BreadthPoint {
  as_of: string;
  use_cases_30d: number;
  teams_30d: number;
}

export function breadthChart(points: readonly BreadthPoint[]): Html {
  const title = 'Use cases and teams (30 days)';
  const last = points[points.length - 1];
  const first = points[0];
  if (first === undefined || last === undefined) return noData(title, 'No history recorded yet.');
  const summary = `Use cases went from ${first.use_cases_30d} to ${last.use_cases_30d} and teams from ${first.teams_30d} to ${last.teams_30d} between ${first.as_of} and ${last.as_of}.`;
  return chart(
    { title, summary, height: 220 },
    {
      grid,
      legend: { top: 4, textStyle: axisText },
      xAxis: { type: 'time', axisLabel: axisText },
      yAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
      series: [
        { name: 'use cases', type: 'line', step: 'end', symbol: 'none', itemStyle: { color: PALETTE[0] }, data: points.map((p) => [p.as_of, p.use_cases_30d]) },
        { name: 'teams', type: 'line', step: 'end', symbol: 'none', lineStyle: { type: 'dashed' }, itemStyle: { color: PALETTE[2] }, data: points.map((p) => [p.as_of, p.teams_30d]) },
      ],
    },
  );
}
