import { Command, Option } from 'commander';
import type { CrmKind } from '../../connectors/crm/types';
import { createConnector } from '../../connectors/crm';
import { loadConfig } from '../config/load';
import { renderValidationSummary } from '../output/validation-summary';
import { computeSignalsStream } from '../pipeline/compute-signals';
import { loadRules } from '../playbooks';
import { runSync } from '../sync/run';
import { CRM_CHOICES, DEFAULT_TENANT, describeConnector, rejectedRows, sealCredential } from '../sync/session';
import { openStateStore, type RunCounts } from '../sync/state';
import { asOfOption, resolveAsOf, todayUtc, warehouseOption, withWarehouse } from './common';

interface SyncOptions {
  crm: CrmKind;
  warehouse?: string;
  asOf?: string;
}

export function syncCommand(): Command {
  return new Command('sync')
    .description('run the main job once: read, compute, plan, write the changes to the CRM, record the run')
    .addOption(new Option('--crm <crm>', 'which CRM to write to (dry-run: accepts everything, writes nothing)').choices(CRM_CHOICES).makeOptionMandatory())
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nState (what was written, runs, firings) goes to DATABASE_URL, else PGlite in .pulse/state.\n' +
        'A run that fails or is killed can simply be run again: it finishes the job without writing anything twice.\n\n' +
        'Examples:\n  pulse sync --crm hubspot\n  pulse sync --crm dry-run --as-of 2026-11-24',
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
  const config = loadConfig();
  const today = todayUtc();
  const asOf = resolveAsOf(options.asOf, today);
  const setup = await createConnector(options.crm, config.crm);
  try {
    const store = await openStateStore(config.state);
    try {
      const { connector } = setup;
      const installation = await store.ensureInstallation(DEFAULT_TENANT, connector.kind, connector.installationId, sealCredential(setup.credential, config));
      const now = new Date().toISOString();
      const { counts, runId } = await withWarehouse(config, options.warehouse, async (wh) => {
        const { report, chunks } = await computeSignalsStream(wh, config, { asOf, today });
        const summary = renderValidationSummary(report);
        if (summary) process.stderr.write(`${summary}\n`);
        const recorder = await store.startRun(installation.id, asOf, now);
        const rules = loadRules(config.playbooksFile ?? undefined);
        const result = await runSync({ connector, chunks, rejectedRows: rejectedRows(report) }, recorder, { asOf, rules, now });
        return { counts: result, runId: recorder.runId };
      });
      process.stdout.write(`Synced to ${describeConnector(setup)} as of ${asOf}.\n${describeCounts(runId, counts)}\n`);
      if (counts.rejected + counts.unmatched > 0) process.stdout.write(`Rejected and unmatched records, with reasons: pulse runs show ${runId}\n`);
    } finally {
      await store.close();
    }
  } finally {
    await setup.connector.close();
  }
}
