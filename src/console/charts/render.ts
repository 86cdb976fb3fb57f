/**
 * One ECharts chart rendered to an SVG string on the server (no script reaches the browser), wrapped
 * in a figure with an accessible name and a text alternative.
 */
import * as echarts from 'echarts';
import { escapeHtml, html, raw, type Html } from '../html';

/** Dark enough on white for text and lines (each at least 4.5:1), and told apart by more than hue where it matters. */
export const PALETTE = ['#1f4e9c', '#b3400a', '#2e7d32', '#6a1b9a', '#ad1457', '#00695c', '#5d4037'] as const;
export const INK = '#1f2328';
export const MUTED = '#57606a';

export interface ChartFrame {
  /** The chart's accessible name, also its heading in the figure. */
  title: string;
  /** A sentence saying what the chart shows: its figcaption, read by a screen reader. */
  summary: string;
  /** A small table with the same figures, under a disclosure. */
  table?: Html;
  /** @defaultValue 720 */
  width?: number;
  /** @defaultValue 260 */
  height?: number;
}

const BASE: echarts.EChartsCoreOption = {
  animation: false,
  color: [...PALETTE],
  textStyle: { color: INK, fontFamily: 'system-ui, sans-serif', fontSize: 12 },
};

/** Charts rendered by this process: each gets its own prefix for the ids and classes inside its SVG. */
let rendered = 0;

/** The SVG of `option`, made to scale with its container and named for assistive technology. */
export function renderSvg(option: echarts.EChartsCoreOption, title: string, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...BASE, ...option });
    // ECharts names clip paths and hover classes `zr<instance>-…`, and SSR instances repeat numbers: two
    // charts on a page would share (and fight over) the same ids.
    const prefix = `ch${(rendered = (rendered + 1) % 1_000_000)}-`;
    const svg = chart.renderToSVGString().replace(/\bzr\d+-/g, prefix);
    return svg.replace(/^<svg width="\d+" height="\d+"/, `<svg role="img" aria-label="${escapeHtml(title)}" class="chart"`).replace(/(<svg[^>]*>)/, `$1<title>${escapeHtml(title)}</title>`);
  } finally {
    chart.dispose();
  }
}

export function figure(frame: ChartFrame, svg: string): Html {
  return html`<figure class="chart-figure"><figcaption><strong>${frame.title}</strong> <span>${frame.summary}</span></figcaption>${raw(svg)}${
    frame.table === undefined ? '' : html`<details><summary>${frame.title}: the figures</summary>${frame.table}</details>`
  }</figure>`;
}

export function chart(frame: ChartFrame, option: echarts.EChartsCoreOption): Html {
  return figure(frame, renderSvg(option, frame.title, frame.width ?? 720, frame.height ?? 260));
}

/** A small data table: the text alternative of a chart. */
export function dataTable(caption: string, head: readonly string[], rows: readonly (readonly (string | number)[])[]): Html {
  return html`<table class="data"><caption>${caption}</caption><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`,
  )}</tbody></table>`;
}

/** An empty chart's stand-in: says there is nothing to draw instead of drawing empty axes. */
export function noData(title: string, why: string): Html {
  return html`<figure class="chart-figure"><figcaption><strong>${title}</strong> <span>${why}</span></figcaption></figure>`;
}

export const grid = { left: 64, right: 24, top: 36, bottom: 36, containLabel: false };
export const axisText = { color: MUTED };
