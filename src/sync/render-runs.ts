import { renderTable } from '../output/table';
import { groupRejections } from './rejection-groups';
import type { Rejection, RunSummary } from './state';

function duration(run: RunSummary): string {
  if (run.finished_at === null) return '-';
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const n = (key: keyof RunSummary) => ({ header: key.replace(/_/g, ' '), align: 'right' as const, value: (r: RunSummary) => String(r[key]) });

export function renderRuns(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'No runs yet: `pulse sync --crm dry-run` makes one.';
  return renderTable(runs, [
    { header: 'id', align: 'right', value: (r) => String(r.id) },
    { header: 'crm', value: (r) => r.crm },
    { header: 'started (UTC)', value: (r) => r.started_at.slice(0, 19).replace('T', ' ') },
    { header: 'duration', align: 'right', value: duration },
    { header: 'status', value: (r) => r.status },
    { header: 'read', align: 'right', value: (r) => String(r.accounts_read) },
    n('changed'), n('written'), n('unchanged'), n('rejected'), n('unmatched'),
    { header: 'API calls', align: 'right', value: (r) => String(r.api_calls) },
  ]);
}

/** For scripts and dashboards: one object per run, newest first; times ISO-8601, null when not known. */
export function runsToJson(runs: readonly RunSummary[]): string {
  return JSON.stringify(
    runs.map((r) => ({
      id: r.id,
      installation: r.crm_account_id,
      tenant: r.tenant,
      crm: r.crm,
      as_of: r.as_of,
      backfill: r.backfill,
      status: r.status,
      error_code: r.error_code,
      error: r.error,
      resume_at: r.resume_at,
      started_at: r.started_at,
      finished_at: r.finished_at,
      counts: {
        accounts_read: r.accounts_read, changed: r.changed, written: r.written, unchanged: r.unchanged, rejected: r.rejected,
        unmatched: r.unmatched, rows_rejected: r.rows_rejected, tasks_created: r.tasks_created, events_published: r.events_published, api_calls: r.api_calls,
      },
    })),
    null,
    2,
  );
}

function statusLine(run: RunSummary): string {
  if (run.status === 'stopped') return `stopped (${run.error_code}): ${run.error ?? ''}${run.resume_at ? `; resume after ${run.resume_at}` : ''}`;
  if (run.error_code !== null) return `${run.status} (${run.error_code}): ${run.error ?? ''}`;
  return run.status;
}

/** How much of each group `renderRun` prints. */
export interface RenderRunOptions {
  /**
   * Lines per group (a line is one key: a duplicated key's copies, or an account's cascaded rows, share one); null: every line.
   * @defaultValue 20
   */
  limit?: number | null;
}

export const DEFAULT_GROUP_LIMIT = 20;

export function renderRun(run: RunSummary, rejections: readonly Rejection[], options: RenderRunOptions = {}): string {
  const limit = options.limit === undefined ? DEFAULT_GROUP_LIMIT : options.limit;
  const lines = [
    `Run ${run.id}: ${run.crm} (${run.crm_account_id}), as of ${run.as_of}${run.backfill ? ' (backfill)' : ''}, ${statusLine(run)}`,
    `started ${run.started_at}, ${duration(run)}; ${run.accounts_read} accounts read, ${run.changed} changed, ${run.written} written, ` +
      `${run.unchanged} unchanged, ${run.rejected} rejected, ${run.unmatched} unmatched; ${run.tasks_created} tasks, ${run.events_published} events, ` +
      `${run.rows_rejected} warehouse rows rejected, ${run.api_calls} API calls`,
  ];
  if (rejections.length === 0) return [...lines, '', 'Nothing rejected.'].join('\n');
  const groups = groupRejections(rejections);
  lines.push('', `${rejections.length} rejected or unmatched, in ${groups.length} ${groups.length === 1 ? 'group' : 'groups'} (root causes first):`);
  let hidden = 0;
  for (const group of groups) {
    lines.push('', `${group.title}`);
    // One line each, never cut: the reason is the CRM's own error, and the admin needs all of it.
    const shown = limit === null ? group.lines : group.lines.slice(0, limit);
    for (const line of shown) lines.push(`  ${line}`);
    if (shown.length < group.lines.length) {
      hidden += group.lines.length - shown.length;
      lines.push(`  ... ${group.lines.length - shown.length} more`);
    }
  }
  if (hidden > 0) lines.push('', `${hidden} lines not shown: pulse runs show ${run.id} --all (or --limit N per group)`);
  return lines.join('\n');
}
