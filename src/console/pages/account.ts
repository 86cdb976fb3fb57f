/** `/console/accounts/:account_id`: one account's latest signals, its charts, its playbook firings and what the CRM holds. */
import type { CrmValue } from '../../sync/ports';
import { HEALTH_COMPONENTS } from '../../signals/health';
import type { DayReading, HistorySnapshot, StoredFiring } from '../../sync/state';
import { breadthChart } from '../charts/breadth';
import { burnDownChart } from '../charts/burn-down';
import { dailySpendChart } from '../charts/daily-spend';
import { healthChart } from '../charts/health';
import { num, pct, signed, usd, words } from '../format';
import { html, type Html } from '../html';
import { layout, withInstallation } from './layout';

export interface AccountView {
  installation: string;
  installations: readonly string[];
  /** The latest snapshot. */
  latest: HistorySnapshot;
  /** Readings of the last 180 days, oldest first. */
  history: readonly DayReading[];
  firings: readonly (StoredFiring & { written: boolean })[];
  fields: readonly { field: string; value: CrmValue; written_at: string }[];
}

const list = (text: string | null | undefined): string[] => (text ?? '').split(/[,;]\s*/).map((t) => t.trim()).filter((t) => t !== '');

function facts(s: HistorySnapshot): Html {
  const g = s.signals;
  const entries: [string, string][] = [
    ['Health', `${num(g.health_score)} (${words(g.health_tier)})`],
    ['Trend', `${words(g.trend)}, ${pct(g.growth_30d_pct)} over 30 days`],
    ['Commitment', g.commit_projected_pct === null ? 'none' : `${pct(g.commit_projected_pct)} projected (${words(g.commit_status)})${g.commit_exhaustion_date === null ? '' : `, exhausts ${g.commit_exhaustion_date}`}`],
    ['This month', `${usd(g.mtd_spend_usd)} so far, forecast ${usd(g.forecast_month_usd)}${s.budget_month_usd === null ? '' : `, budget ${usd(s.budget_month_usd)}`}`],
    ['Expansion', `${words(g.expansion_signal)} (score ${num(g.expansion_score)})`],
    ['Coverage', `${words(g.coverage)}, ARR ${usd(g.arr_usd)}, segment ${g.segment ?? '—'}`],
    ['NRR', pct(g.nrr_pct)],
    ['Peers', g.peer_range === null ? '—' : `${g.peer_range} (percentile ${num(g.peer_percentile)})`],
  ];
  return html`<dl class="facts">${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function whatChanged(s: HistorySnapshot): Html {
  if (s.health_score_change_7d === null) return html`<p>No 7-day change: there is no score a week before, or none now.</p>`;
  return html`<p>Health ${signed(s.health_score_change_7d)} points in 7 days${s.health_change_reason === null ? '.' : html`: ${s.health_change_reason}.`}</p>`;
}

function bullets(items: readonly string[], none: string): Html {
  return items.length === 0 ? html`<p class="muted">${none}</p>` : html`<ul>${items.map((i) => html`<li>${words(i)}</li>`)}</ul>`;
}

function firingsTable(firings: AccountView['firings']): Html {
  if (firings.length === 0) return html`<p class="muted">No playbook has fired for this account.</p>`;
  return html`<table><thead><tr><th scope="col">Fired on</th><th scope="col">Playbook</th><th scope="col">Action</th><th scope="col">Why</th><th scope="col">Task</th><th scope="col">In the CRM</th></tr></thead><tbody>${firings.map(
    (f) => html`<tr><th scope="row">${f.fired_on}</th><td>${f.playbook}</td><td>${f.action}</td><td>${f.reason}</td><td>${f.task === null ? '—' : f.task.subject}</td><td>${f.written ? 'yes' : 'not yet'}</td></tr>`,
  )}</tbody></table>`;
}

const show = (value: CrmValue): string => (value === null ? '(empty)' : String(value));

function fieldsTable(fields: AccountView['fields']): Html {
  if (fields.length === 0) return html`<p class="muted">Nothing has been written to the CRM for this account yet.</p>`;
  return html`<table><thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Written at</th></tr></thead><tbody>${fields.map(
    (f) => html`<tr><th scope="row">${f.field}</th><td>${show(f.value)}</td><td>${f.written_at}</td></tr>`,
  )}</tbody></table>`;
}

export function accountPage(view: AccountView): string {
  const s = view.latest;
  const g = s.signals;
  const spend = view.history.map((h) => ({ as_of: h.as_of, spend_day: h.spend_day }));
  return layout({
    title: s.name ?? s.account_id,
    section: 'accounts',
    installation: view.installation,
    installations: view.installations,
    body: html`<p><a href="${withInstallation('/console/accounts', view.installation)}">← All accounts</a></p>
<h1>${s.name ?? s.account_id} <span class="muted">${s.account_id} · as of ${s.as_of}</span></h1>
${facts(s)}
<h2>What changed</h2>${whatChanged(s)}
<h2>Risk drivers</h2>${bullets(list(g.risk_drivers), 'No risk drivers.')}
<h2>Expansion flags</h2>${bullets(list(g.expansion_flags), 'No expansion flag holds.')}
<h2>Value</h2><p>${g.value_summary ?? 'No outcomes reported.'}${g.value_usd_30d === null ? '' : ` ${usd(g.value_usd_30d)} of value in 30 days`}${g.roi_multiple === null ? '' : `, ROI ${num(g.roi_multiple, 1)}×`}</p>
<h2>Spend</h2><div class="grid2">${dailySpendChart({ series: spend, as_of: s.as_of, forecast_month_usd: g.forecast_month_usd, mtd_spend_usd: g.mtd_spend_usd, budget_month_usd: s.budget_month_usd })}${burnDownChart({
      commitment: s.commitment, series: spend, exhaustion_date: g.commit_exhaustion_date, consumed_usd: g.consumed_usd, run_rate_daily: g.run_rate_daily,
    })}</div>
<h2>Health</h2>${healthChart(view.history.map((h) => ({ as_of: h.as_of, score: h.health_score, components: h.components })), HEALTH_COMPONENTS)}
<h2>Breadth</h2>${breadthChart(view.history.map((h) => ({ as_of: h.as_of, use_cases_30d: h.use_cases_30d, teams_30d: h.teams_30d })))}
<h2>Playbook firings and tasks</h2>${firingsTable(view.firings)}
<h2>Fields in the CRM</h2>${fieldsTable(view.fields)}`,
  });
}
