/** Health score over time with the six components it is made of, as lines. */
import { num } from '../format';
import type { Html } from '../html';
import { axisText, chart, grid, noData, PALETTE } from './render';

export interface HealthPoint {
  as_of: string;
  score: number | null;
  components: Record<string, { score: number | null }>;
}

export function healthChart(points: readonly HealthPoint[], components: readonly string[]): Html {
  const title = 'Health score and its components';
  const scored = points.filter((p) => p.score !== null);
  if (scored.length === 0) return noData(title, 'No health score has been computed for this account yet.');
  const first = scored[0];
  const last = scored[scored.length - 1];
  const summary = `Health went from ${num(first?.score)} on ${first?.as_of} to ${num(last?.score)} on ${last?.as_of}; components: ${components
    .map((c) => `${c} ${num(last?.components[c]?.score)}`)
    .join(', ')}.`;
  return chart(
    { title, summary, height: 300 },
    {
      grid: { ...grid, top: 56 },
      legend: { top: 4, textStyle: axisText },
      xAxis: { type: 'time', axisLabel: axisText },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: axisText },
      series: [
        { name: 'health score', type: 'line', symbol: 'none', lineStyle: { width: 3, color: '#1f2328' }, itemStyle: { color: '#1f2328' }, data: points.map((p) => [p.as_of, p.score]) },
        ...components.map((c, i) => ({
          name: c, type: 'line', symbol: 'none', lineStyle: { width: 1.5, color: PALETTE[i % PALETTE.length], type: i % 2 === 0 ? 'solid' : 'dashed' },
          itemStyle: { color: PALETTE[i % PALETTE.length] }, data: points.map((p) => [p.as_of, p.components[c]?.score ?? null]),
        })),
      ],
    },
  );
}
