/** `/console/runs` and `/console/runs/:id`: recent runs with counts, and one run with its rejections grouped by reason. */
import type { PlanCounts } from '../../sync/plan-types';
import type { RejectionGroup } from '../../sync/rejection-groups';
import type { RunSummary } from '../../sync/state';
import { html, type Html } from '../html';
import { layout, withInstallation } from './layout';

const COUNTS = ['accounts_read', 'changed', 'written', 'unchanged', 'rejected', 'unmatched', 'rows_rejected', 'tasks_created', 'events_published', 'api_calls'] as const;

/** Lines shown per rejection group; the rest is counted. */
export const GROUP_LINES = 20;

export interface RunsView {
  installation: string;
  installations: readonly string[];
  runs: readonly RunSummary[];
}

const label = (key: string) => key.replace(/_/g, ' ');

function duration(run: RunSummary): string {
  if (run.finished_at === null) return '—';
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function runsPage(view: RunsView): string {
  const planHref = `/console/runs/plan?installation=${encodeURIComponent(view.installation)}`;
  const body =
    view.runs.length === 0
      ? html`<p>No runs of ${view.installation} yet.</p>`
      : html`<table><thead><tr><th scope="col">Run</th><th scope="col">As of</th><th scope="col">Started (UTC)</th><th scope="col">Duration</th><th scope="col">Status</th>${COUNTS.map(
          (c) => html`<th scope="col">${label(c)}</th>`,
        )}</tr></thead><tbody>${view.runs.map(
          (r) => html`<tr><th scope="row"><a href="${withInstallation(`/console/runs/${r.id}`, view.installation)}">#${r.id}</a></th><td>${r.as_of}${r.backfill ? ' (backfill)' : ''}</td><td>${r.started_at.slice(0, 19).replace('T', ' ')}</td><td class="n">${duration(r)}</td><td>${r.status}${r.error_code === null ? '' : ` (${r.error_code})`}</td>${COUNTS.map(
            (c) => html`<td class="n">${r[c]}</td>`,
          )}</tr>`,
        )}</tbody></table>`;
  return layout({
    title: 'Runs',
    section: 'runs',
    installation: view.installation,
    installations: view.installations,
    body: html`<h1>Runs of ${view.installation}</h1><p><a href="${planHref}">Plan the next run</a> <span class="muted">(a dry run: reads the warehouse and the CRM, writes nothing; takes a while)</span></p>${body}`,
  });
}

export interface RunView {
  installation: string;
  installations: readonly string[];
  run: RunSummary;
  groups: readonly RejectionGroup[];
}

function group(g: RejectionGroup, runId: number): Html {
  const shown = g.lines.slice(0, GROUP_LINES);
  return html`<section><h3>${g.title}</h3><ul>${shown.map((l) => html`<li><code>${l}</code></li>`)}</ul>${
    g.lines.length > shown.length ? html`<p class="muted">… and ${g.lines.length - shown.length} more lines (pulse runs show ${runId} --all lists them).</p>` : ''
  }</section>`;
}

export function runPage(view: RunView): string {
  const r = view.run;
  return layout({
    title: `Run #${r.id}`,
    section: 'runs',
    installation: view.installation,
    installations: view.installations,
    body: html`<p><a href="${withInstallation('/console/runs', view.installation)}">← All runs</a></p>
<h1>Run #${r.id} <span class="muted">${r.tenant} · ${r.crm} ${r.crm_account_id} · as of ${r.as_of}</span></h1>
<dl class="facts"><dt>Status</dt><dd>${r.status}${r.error_code === null ? '' : ` (${r.error_code})`}</dd>${r.error === null ? '' : html`<dt>Error</dt><dd>${r.error}</dd>`}<dt>Started</dt><dd>${r.started_at}</dd><dt>Finished</dt><dd>${r.finished_at ?? '—'} (${duration(r)})</dd>${
      r.resume_at === null ? '' : html`<dt>Resumes</dt><dd>${r.resume_at}</dd>`
    }</dl>
<table><caption>Counts</caption><tbody>${COUNTS.map((c) => html`<tr><th scope="row">${label(c)}</th><td class="n">${r[c]}</td></tr>`)}</tbody></table>
<h2>Rejected rows and records, by reason</h2>${view.groups.length === 0 ? html`<p>Nothing was rejected.</p>` : view.groups.map((g) => group(g, r.id))}`,
  });
}

export interface PlanView {
  installation: string;
  installations: readonly string[];
  asOf: string;
  /** What it planned with, said before the counts. */
  target: string;
  note: string | null;
  counts: PlanCounts;
}

export function planPage(view: PlanView): string {
  const c = view.counts;
  const rows: [string, number][] = [['accounts', c.accounts], ['changed', c.changed], ['unchanged', c.unchanged], ['unmatched', c.unmatched], ['rejected', c.rejected], ['field changes', c.fieldChanges], ['tasks', c.tasks], ['triggers', c.triggers]];
  return layout({
    title: 'Plan of the next run',
    section: 'runs',
    installation: view.installation,
    installations: view.installations,
    body: html`<p><a href="${withInstallation('/console/runs', view.installation)}">← All runs</a></p>
<h1>Plan of the next run of ${view.installation} <span class="muted">as of ${view.asOf}</span></h1>
<p>Planned for ${view.target} (dry run: nothing was written). The same plan as <code>pulse plan --installation ${view.installation}</code>.</p>${view.note === null ? '' : html`<p class="muted">${view.note}</p>`}
<table><caption>What the run would do</caption><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td class="n">${v}</td></tr>`)}</tbody></table>`,
  });
}
