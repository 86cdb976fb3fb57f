/** `/console/accounts`: one page of the installation's accounts on its latest day, filtered and sorted by the query string. */
import { COVERAGES, EXPANSION_SIGNALS, HEALTH_TIERS } from '../../domain/signals';
import type { HistorySnapshot, SnapshotSortKey } from '../../sync/state';
import { accountsHref, PAGE_SIZE, type AccountsQuery } from '../accounts-query';
import { sparkline } from '../charts/sparkline';
import { num, pct, signed, usd, words } from '../format';
import { html, type Html } from '../html';
import { layout, withInstallation } from './layout';

export interface AccountsView {
  installation: string;
  installations: readonly string[];
  /** The latest day with snapshots; null before the first sync recorded any. */
  asOf: string | null;
  query: AccountsQuery;
  rows: readonly { snapshot: HistorySnapshot; spend90: readonly number[] }[];
  total: number;
  segments: readonly string[];
}

const COLUMNS: { label: string; sort?: SnapshotSortKey; numeric?: boolean }[] = [
  { label: 'Account', sort: 'account_id' },
  { label: 'Health', sort: 'health_score', numeric: true },
  { label: '7-day change', sort: 'health_score_change_7d', numeric: true },
  { label: 'Trend', sort: 'trend' },
  { label: 'Commitment pace', sort: 'commit_projected_pct', numeric: true },
  { label: 'Forecast this month', sort: 'forecast_month_usd', numeric: true },
  { label: 'Budget this month', sort: 'budget_month_usd', numeric: true },
  { label: 'Expansion signal', sort: 'expansion_signal' },
  { label: 'Coverage', sort: 'coverage' },
  { label: 'Segment', sort: 'segment' },
  { label: '90-day spend' },
];

function headerCell(view: AccountsView, column: (typeof COLUMNS)[number]): Html {
  if (column.sort === undefined) return html`<th scope="col">${column.label}</th>`;
  const active = view.query.sort === column.sort;
  const dir = active && view.query.dir === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (view.query.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = active ? (view.query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  return html`<th scope="col" aria-sort="${ariaSort}"><a href="${accountsHref(view.query, { sort: column.sort, dir, page: 1 })}">${column.label}${arrow}<span class="sr-only">, sort ${dir === 'asc' ? 'ascending' : 'descending'}</span></a></th>`;
}

function select(name: string, label: string, options: readonly string[], current: string | undefined): Html {
  return html`<label for="f-${name}">${label}<select id="f-${name}" name="${name}"><option value="">any</option>${options.map(
    (o) => html`<option value="${o}"${o === current ? html` selected` : ''}>${words(o)}</option>`,
  )}</select></label>`;
}

function filters(view: AccountsView): Html {
  const q = view.query;
  // The sort travels with the filters: filtering keeps the order the admin chose.
  return html`<form class="filters" method="get" action="/console/accounts">
<input type="hidden" name="installation" value="${view.installation}"><input type="hidden" name="sort" value="${q.sort}"><input type="hidden" name="dir" value="${q.dir}">
${select('tier', 'Health tier', HEALTH_TIERS, q.tier)}${select('expansion', 'Expansion signal', EXPANSION_SIGNALS, q.expansion)}${select('coverage', 'Coverage', COVERAGES, q.coverage)}${select(
    'segment', 'Segment', view.segments, q.segment,
  )}<button type="submit">Filter</button> <a href="${accountsHref({ installation: view.installation, sort: q.sort, dir: q.dir, page: 1 })}">Clear filters</a></form>`;
}

function pace(s: HistorySnapshot): string {
  const p = s.signals.commit_projected_pct;
  return p === null ? '—' : `${pct(p)} ${s.signals.commit_status === null ? '' : `(${words(s.signals.commit_status)})`}`.trim();
}

function row(view: AccountsView, { snapshot: s, spend90 }: AccountsView['rows'][number]): Html {
  const g = s.signals;
  const href = withInstallation(`/console/accounts/${encodeURIComponent(s.account_id)}`, view.installation);
  return html`<tr><th scope="row"><a href="${href}">${s.name ?? s.account_id}</a>${s.name === null ? '' : html`<br><span class="muted">${s.account_id}</span>`}</th>
<td class="n"><span class="tier-${g.health_tier ?? 'none'}">${num(g.health_score)}</span> <span class="muted">${words(g.health_tier)}</span></td>
<td class="n">${signed(s.health_score_change_7d)}</td><td>${words(g.trend)}</td><td class="n">${pace(s)}</td>
<td class="n">${usd(g.forecast_month_usd)}</td><td class="n">${usd(s.budget_month_usd)}</td><td>${words(g.expansion_signal)}</td><td>${words(g.coverage)}</td><td>${g.segment ?? '—'}</td>
<td>${sparkline(spend90)}</td></tr>`;
}

function pager(view: AccountsView): Html {
  const pages = Math.max(1, Math.ceil(view.total / PAGE_SIZE));
  const { page } = view.query;
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(view.total, page * PAGE_SIZE);
  return html`<nav class="pager" aria-label="Pages">${page > 1 ? html`<a href="${accountsHref(view.query, { page: page - 1 })}" rel="prev">Previous</a>` : ''}<span>${
    view.total === 0 ? 'No accounts match.' : `Accounts ${first}–${last} of ${view.total} (page ${page} of ${pages})`
  }</span>${page < pages ? html`<a href="${accountsHref(view.query, { page: page + 1 })}" rel="next">Next</a>` : ''}</nav>`;
}

export function accountsPage(view: AccountsView): string {
  const frame = { title: 'Accounts', section: 'accounts' as const, installation: view.installation, installations: view.installations };
  if (view.asOf === null) {
    return layout({ ...frame, body: html`<h1>Accounts</h1><p>No signals recorded for ${view.installation} yet: they appear after its first sync.</p>` });
  }
  return layout({
    ...frame,
    body: html`<h1>Accounts <span class="muted">as of ${view.asOf}</span></h1>${filters(view)}${pager(view)}
<table><caption class="sr-only">Accounts as of ${view.asOf}, sorted by ${words(view.query.sort)} ${view.query.dir === 'asc' ? 'ascending' : 'descending'}</caption>
<thead><tr>${COLUMNS.map((c) => headerCell(view, c))}</tr></thead><tbody>${view.rows.map((r) => row(view, r))}</tbody></table>${pager(view)}`,
  });
}
