import { Command, Option } from 'commander';
import type { CrmKind } from '../../connectors/crm';
import { PulseError } from '../errors';
import { renderValidationSummary } from '../output/validation-summary';
import type { RunCounts } from '../sync/state';
import { syncInstallation } from '../sync/sync-installation';
import { asOfOption, installationOption, resolveAsOf, todayUtc, warehouseOption } from './common';
import { withCommandConfig } from './installation-config';
import { fullOption } from './kept-facts';
import { crmOf, crmOption, describeConnector, withSyncDeps } from './sync-deps';

interface SyncOptions {
  /** Left out: the config's `crm.provider`. */
  crm?: CrmKind;
  warehouse?: string;
  asOf?: string;
  backfill?: boolean;
  full?: boolean;
  installation?: string;
}

export function syncCommand(): Command {
  return new Command('sync')
    .description('run the main job once: read, compute, plan, write the changes to the CRM, record the run')
    .addOption(crmOption('which CRM to write to (dry-run: accepts everything, writes nothing)'))
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .addOption(installationOption())
    .addOption(fullOption())
    .addOption(new Option('--backfill', "allow a day before the last one synced: writes that day's playbook tasks and events, never older field values"))
    .addHelpText(
      'after',
      '\nState (what was written, runs, firings) goes to DATABASE_URL, else PGlite in .pulse/state (one process at a time).\n' +
        'A run that fails or is killed can simply be run again: it finishes the job without writing anything twice.\n\n' +
        'Without --crm it syncs to crm.provider of pulse.config.yaml (dry-run when the file names none).\n' +
        "With --installation NAME it syncs that installation, with its stored credentials, warehouse and config file\n" +
        '(--warehouse still overrides its warehouse); a paused installation is refused.\n\n' +
        'Examples:\n  pulse sync --crm hubspot\n  pulse sync                      # the CRM crm.provider names\n  pulse sync --crm dry-run --as-of 2026-11-24\n  pulse sync --crm hubspot --as-of 2026-11-02 --backfill\n  pulse sync --installation acme\n  pulse sync --full                # search every first day over the whole history again',
    )
    .action((options: SyncOptions) => runSyncCommand(options));
}

function describeCounts(id: number, c: RunCounts): string {
  return (
    `Run ${id}: ${c.accounts_read} accounts read, ${c.changed} changed, ${c.written} written, ${c.unchanged} unchanged, ` +
    `${c.rejected} rejected, ${c.unmatched} unmatched; ${c.tasks_created} tasks created, ${c.events_published} trigger events, ${c.api_calls} API calls`
  );
}

async function runSyncCommand(options: SyncOptions): Promise<void> {
  const now = new Date().toISOString();
  const asOf = resolveAsOf(options.asOf, todayUtc(new Date(now)));
  await withCommandConfig(options.installation, async ({ config, installation }) => {
    if (installation?.status === 'paused') {
      throw new PulseError('SYNC_REFUSED', `installation "${installation.name}" is paused`, { place: `installation ${installation.name}`, hint: `pulse installations resume ${installation.name}` });
    }
    const crm = crmOf(options, config, installation);
    await withSyncDeps('sync', crm, config, { warehouse: options.warehouse, asOf, installation }, async ({ deps, installation: synced }) => {
      const result = await syncInstallation(deps, { installation: synced, asOf, now, mode: 'sync', backfill: options.backfill === true, full: options.full === true });
      if (result.mode !== 'sync') return;
      const summary = renderValidationSummary(result.validation);
      if (summary) process.stderr.write(`${summary}\n`);
      const { runId, counts } = result;
      const named = installation === undefined ? '' : ` (installation ${installation.name})`;
      process.stdout.write(`Synced to ${describeConnector(deps.connector)}${named} as of ${asOf}.\n${describeCounts(runId, counts)}\n`);
      if (counts.rejected + counts.unmatched > 0) process.stdout.write(`Rejected and unmatched records, with reasons: pulse runs show ${runId}\n`);
    });
  });
}
