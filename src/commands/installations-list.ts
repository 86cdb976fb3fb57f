/** `pulse installations list`: each installation with its schedule, last run, next run and status. */
import { crmLabel } from '../../connectors/crm';
import { renderTable } from '../output/table';
import { nextCronRun, parseCron } from '../schedule';
import type { NamedInstallation, RunSummary, StateStore } from '../sync/state';

export interface InstallationRow {
  installation: NamedInstallation;
  lastRun: RunSummary | null;
  /** Null unless active: the worker schedules active installations only (a paused one, or one that needs attention, waits for resume). */
  nextRun: Date | null;
}

export async function installationRows(store: StateStore | null, now: Date): Promise<InstallationRow[]> {
  if (store === null) return [];
  const rows: InstallationRow[] = [];
  for (const installation of await store.listInstallations()) {
    const [lastRun = null] = await store.listRuns(1, { installationId: installation.id });
    const nextRun = installation.status === 'active' ? nextCronRun(parseCron(installation.schedule), now) : null;
    rows.push({ installation, lastRun, nextRun });
  }
  return rows;
}

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;
const statusOf = (i: NamedInstallation) => (i.statusReason === null ? i.status : `${i.status}: ${i.statusReason}`);

export function renderInstallations(rows: readonly InstallationRow[]): string {
  if (rows.length === 0) return 'No installations yet: pulse installations add NAME --crm hubspot|salesforce adds one.';
  return renderTable(rows, [
    { header: 'name', value: (r) => r.installation.name },
    { header: 'crm', value: (r) => crmLabel(r.installation.crm) },
    { header: 'account', value: (r) => r.installation.crmAccountId },
    { header: 'warehouse', value: (r) => r.installation.warehouseUrl ?? '(configured)', max: 40 },
    { header: 'schedule (UTC)', value: (r) => r.installation.schedule },
    { header: 'last run', value: (r) => (r.lastRun === null ? '-' : `${r.lastRun.id} ${r.lastRun.status} ${minute(r.lastRun.started_at)}`) },
    { header: 'next run', value: (r) => (r.nextRun === null ? '-' : minute(r.nextRun.toISOString())) },
    { header: 'status', value: (r) => statusOf(r.installation), max: 60 },
  ]);
}

/** For scripts: times ISO-8601, null when there is none; never a credential. */
export function installationsToJson(rows: readonly InstallationRow[]): string {
  return JSON.stringify(
    rows.map(({ installation: i, lastRun, nextRun }) => ({
      name: i.name,
      crm: i.crm,
      crm_account_id: i.crmAccountId,
      warehouse: i.warehouseUrl,
      config_file: i.configFile,
      schedule: i.schedule,
      last_run: lastRun === null ? null : { id: lastRun.id, status: lastRun.status, as_of: lastRun.as_of, started_at: lastRun.started_at, finished_at: lastRun.finished_at },
      next_run: nextRun === null ? null : nextRun.toISOString(),
      status: i.status,
      status_reason: i.statusReason,
      created_at: i.createdAt,
    })),
    null,
    2,
  );
}
