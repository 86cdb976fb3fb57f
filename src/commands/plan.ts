import { Command, Option } from 'commander';
import type { CrmKind } from '../../connectors/crm/types';
import { loadConfig } from '../config/load';
import { renderValidationSummary } from '../output/validation-summary';
import { computeSignalsStream } from '../pipeline/compute-signals';
import { loadRules } from '../playbooks';
import { collectPlan, planToJson, renderPlanText } from '../sync/render-plan';
import { planSync } from '../sync/run';
import { CRM_CHOICES, DEFAULT_TENANT, describeConnector, planningConnector } from '../sync/session';
import { EMPTY_READER, openStateStoreReadOnly } from '../sync/state';
import { asOfOption, parseFormat, resolveAsOf, todayUtc, warehouseOption, withWarehouse } from './common';

interface PlanOptions {
  crm: CrmKind;
  format: string;
  warehouse?: string;
  asOf?: string;
}

export function planCommand(): Command {
  return new Command('plan')
    .description('dry run: what a sync would write (field changes old -> new, tasks, triggers); writes nothing anywhere')
    .addOption(new Option('--crm <crm>', 'which CRM to plan for').choices(CRM_CHOICES).makeOptionMandatory())
    .addOption(new Option('--format <format>', 'table or json').default('table'))
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nThe plan diffs against what the state store says was last written; without a CRM token it plans\n' +
        'against the dry-run CRM with that CRM\'s field names.\n\nExamples:\n  pulse plan --crm hubspot\n  pulse plan --crm salesforce --as-of 2026-11-24 --format json',
    )
    .action((options: PlanOptions) => runPlan(options));
}

async function runPlan(options: PlanOptions): Promise<void> {
  const format = parseFormat(options.format, ['table', 'json'] as const);
  const config = loadConfig();
  const today = todayUtc();
  const asOf = resolveAsOf(options.asOf, today);
  const setup = await planningConnector(options.crm, config);
  if (setup.note) process.stderr.write(`pulse: ${setup.note}\n`);
  // Read-only: no folder created, no migration, and the session refuses writes.
  const store = await openStateStoreReadOnly(config.state);
  try {
    const installation = await store?.findInstallation(DEFAULT_TENANT, setup.connector.kind, setup.connector.installationId);
    const reader = store && installation ? store.reader(installation.id) : EMPTY_READER;
    const collected = collectPlan();
    const counts = await withWarehouse(config, options.warehouse, async (wh) => {
      const { report, chunks } = await computeSignalsStream(wh, config, { asOf, today });
      const summary = renderValidationSummary(report);
      if (summary) process.stderr.write(`${summary}\n`);
      const rules = loadRules(config.playbooksFile ?? undefined);
      return planSync({ connector: setup.connector, chunks }, reader, { asOf, rules, now: new Date().toISOString() }, collected.add);
    });
    const plan = collected.result(counts);
    if (format === 'json') {
      process.stdout.write(`${planToJson(plan, { crm: options.crm, connector: setup.connector.kind, installation: setup.connector.installationId, as_of: asOf })}\n`);
    } else {
      process.stdout.write(`${renderPlanText(plan, `Plan for ${describeConnector(setup)} as of ${asOf} (dry run: nothing is written)`)}\n`);
    }
  } finally {
    await setup.connector.close();
    await store?.close();
  }
}
