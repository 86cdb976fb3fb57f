/**
 * A 90-day spend sparkline, written by hand: the accounts list draws 50 of them per page, and a
 * polyline costs microseconds where a chart library instance costs milliseconds.
 */
import { usd } from '../format';
import { html, type Html } from '../html';
import { PALETTE } from './render';

export interface SparklineOptions {
  /** @defaultValue 120 */
  width?: number;
  /** @defaultValue 28 */
  height?: number;
}

export function sparklineSummary(values: readonly number[]): string {
  if (values.length === 0) return 'no spend recorded in the last 90 days';
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  return `90-day spend: ${usd(first)} to ${usd(last)} a day, peak ${usd(Math.max(...values))}`;
}

export function sparkline(values: readonly number[], options: SparklineOptions = {}): Html {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const summary = sparklineSummary(values);
  if (values.length === 0) return html`<span class="muted">no data</span>`;
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(1 + i * step).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`).join(' ');
  return html`<svg class="spark" role="img" aria-label="${summary}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${summary}</title><polyline fill="none" stroke="${PALETTE[0]}" stroke-width="1.5" points="${points}"/></svg>`;
}
