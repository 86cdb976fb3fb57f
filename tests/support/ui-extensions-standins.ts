/**
 * Plain-DOM stand-ins for the @hubspot/ui-extensions components the HubSpot card uses: HubSpot renders
 * the real ones only inside its own UI, and the package is ESM, which this jest does not transform.
 * `jest.mock('@hubspot/ui-extensions', () => require('…/ui-extensions-standins'))`. Each keeps the props a
 * user would see (labels, titles, numbers, link targets) as text, and a class for the preview's styles.
 */
import React, { type ReactNode } from 'react';

const h = React.createElement;
type Props = Record<string, unknown> & { children?: ReactNode };

const box = (name: string, tag = 'div') => (props: Props) => h(tag, { className: `hs-${name}`, 'data-testid': name }, props.children as ReactNode);

export const Flex = (props: Props) => h('div', { className: `hs-flex hs-${String(props.direction ?? 'row')}` }, props.children);
export const Heading = box('heading', 'h2');
export const Text = (props: Props) => h('p', { className: `hs-text hs-${String(props.variant ?? 'bodytext')}` }, props.children);
export const Tag = (props: Props) => h('span', { className: `hs-tag hs-tag-${String(props.variant ?? 'default')}` }, props.children);
export const Divider = () => h('hr', { className: 'hs-divider' });
export const Statistics = box('statistics');
export const StatisticsItem = (props: Props) =>
  h('div', { className: 'hs-stat' }, h('div', { className: 'hs-stat-label' }, String(props.label)), h('div', { className: 'hs-stat-number' }, String(props.number)), props.children);
export const StatisticsTrend = (props: Props) => h('span', { className: `hs-trend hs-trend-${String(props.direction)}` }, `${props.direction === 'increase' ? '▲' : '▼'} ${String(props.value)}`);
export const DescriptionList = box('dl', 'dl');
export const DescriptionListItem = (props: Props) => h('div', { className: 'hs-dl-item' }, h('dt', null, String(props.label)), h('dd', null, props.children));
export const Alert = (props: Props) => h('div', { className: `hs-alert hs-alert-${String(props.variant ?? 'info')}`, role: 'alert' }, h('strong', null, String(props.title)), ' ', props.children);
export const Link = (props: Props) => h('a', { className: 'hs-link', href: typeof props.href === 'string' ? props.href : (props.href as { url: string }).url }, props.children);
export const LoadingSpinner = (props: Props) => h('div', { className: 'hs-spinner', role: 'status' }, String(props.label));
export const EmptyState = (props: Props) => h('div', { className: 'hs-empty' }, h('h3', null, String(props.title)), props.children);
export const ErrorState = (props: Props) => h('div', { className: 'hs-error' }, h('h3', null, String(props.title)), props.children);

/** A small SVG line of the chart's y field over its rows, with the axis label as its title. */
export const LineChart = (props: Props) => {
  const { data, axes } = props as unknown as { data: Record<string, number | string>[]; axes: { y: { field: string; label?: string } } };
  const ys = data.map((row) => Number(row[axes.y.field]));
  const [min, max] = [Math.min(...ys), Math.max(...ys)];
  const points = ys.map((y, i) => `${((i / Math.max(ys.length - 1, 1)) * 560).toFixed(1)},${(110 - ((y - min) / (max - min || 1)) * 100).toFixed(1)}`).join(' ');
  return h('figure', { className: 'hs-chart', 'data-points': ys.length },
    h('figcaption', null, `${axes.y.label ?? axes.y.field} (${ys.length} days)`),
    h('svg', { width: 560, height: 120, viewBox: '0 0 560 120' }, h('polyline', { points, fill: 'none', stroke: '#0091ae', strokeWidth: 2 })));
};

export const hubspot = { extend: () => undefined, fetch: () => Promise.reject(new Error('hubspot.fetch is only in HubSpot')), serverless: () => Promise.reject(new Error('no serverless')) };
