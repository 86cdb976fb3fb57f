import { Command, Option } from 'commander';
import type { CrmKind } from '../../connectors/crm';
import { renderValidationSummary } from '../output/validation-summary';
import { collectPlan, planToJson, renderPlanText } from '../sync/render-plan';
import { syncInstallation } from '../sync/sync-installation';
import { asOfOption, installationOption, parseFormat, resolveAsOf, todayUtc, warehouseOption } from './common';
import { withCommandConfig } from './installation-config';
import { fullOption } from './kept-facts';
import { crmOf, crmOption, describeConnector, withSyncDeps } from './sync-deps';

interface PlanOptions {
  /** Left out: the config's `crm.provider`. */
  crm?: CrmKind;
  format: string;
  warehouse?: string;
  asOf?: string;
  backfill?: boolean;
  full?: boolean;
  installation?: string;
}

export function planCommand(): Command {
  return new Command('plan')
    .description('dry run: what a sync would write (field changes old -> new, tasks, triggers); writes nothing anywhere')
    .addOption(crmOption('which CRM to plan for'))
    .addOption(new Option('--format <format>', 'table or json').default('table'))
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .addOption(installationOption())
    .addOption(fullOption())
    .addOption(new Option('--backfill', 'plan a backfill of a day before the last one synced (see pulse sync --help)'))
    .addHelpText(
      'after',
      '\nThe plan diffs against what the state store says was last written to that CRM account. Without\n' +
        "the CRM's credentials it plans a first sync against the dry-run CRM with that CRM's field names.\n\n" +
        'Without --crm it plans for crm.provider of pulse.config.yaml (dry-run when the file names none).\n' +
        'With --installation NAME it plans for that installation (its credentials, warehouse and config file).\n\n' +
        'Examples:\n  pulse plan --crm hubspot\n  pulse plan                      # the CRM crm.provider names\n  pulse plan --crm salesforce --as-of 2026-11-24 --format json\n  pulse plan --installation acme',
    )
    .action((options: PlanOptions) => runPlan(options));
}

async function runPlan(options: PlanOptions): Promise<void> {
  const format = parseFormat(options.format, ['table', 'json'] as const);
  const now = new Date().toISOString();
  const asOf = resolveAsOf(options.asOf, todayUtc(new Date(now)));
  await withCommandConfig(options.installation, async ({ config, installation }) => {
    const crm = crmOf(options, config, installation);
    await withSyncDeps('plan', crm, config, { warehouse: options.warehouse, asOf, installation }, async ({ deps, installation: planned, note }) => {
      if (note !== null) process.stderr.write(`pulse: ${note}\n`);
      const collected = collectPlan();
      const result = await syncInstallation(deps, { installation: planned, asOf, now, mode: 'plan', backfill: options.backfill === true, full: options.full === true, onPlan: collected.add });
      if (result.mode !== 'plan') return;
      const summary = renderValidationSummary(result.validation);
      if (summary) process.stderr.write(`${summary}\n`);
      const plan = collected.result(result.plan);
      const { connector } = deps;
      if (format === 'json') {
        process.stdout.write(`${planToJson(plan, { crm, connector: connector.kind, installation: connector.installationId, as_of: asOf })}\n`);
      } else {
        const named = installation === undefined ? '' : ` (installation ${installation.name})`;
        process.stdout.write(`${renderPlanText(plan, `Plan for ${describeConnector(connector)}${named} as of ${asOf} (dry run: nothing is written)`)}\n`);
      }
    });
  });
}
