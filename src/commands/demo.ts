import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { openWarehouse } from '../../connectors/warehouse';
import { writeDuckDb } from '../../sample-data';
import { parseWarehouseUrl } from '../config/warehouse-url';
import { loadConfig } from './config';
import { renderPortfolioText } from '../output/portfolio-text';
import { renderAttention, renderExpansion, renderPlaybookSummary } from '../output/demo-page';
import { renderValidationSummary } from '../output/validation-summary';
import { computeAllSignals } from '../pipeline/compute-signals';
import { EMPTY_HISTORY, loadRules, type Rules } from '../playbooks';
import { firingsFor } from '../pipeline/preview-firings';
import { buildPortfolioReport } from '../report/portfolio';
import { createConnector } from '../../connectors/crm';
import type { PulseConfig } from '../config/config';
import { collectPlan, renderAccount, renderCounts } from '../sync/render-plan';
import { ZERO_PLAN_COUNTS } from '../sync/run';
import { syncInstallation } from '../sync/sync-installation';
import type { Warehouse } from '../warehouse/port';
import { stderrLogger } from './sync-deps';
import { todayUtc } from './common';
import { describeSample } from './sample-data';

export const DEMO_WAREHOUSE = '.pulse/warehouse.duckdb';

/** How many accounts or tasks each part of the page lists; the rest are a command away. */
const ATTENTION = 6;
const EXPANDING = 5;
const TASKS = 5;

export function demoCommand(): Command {
  return new Command('demo')
    .description('run the main job on the embedded sample warehouse (created on first run) and print a summary')
    .option('--path <file>', 'sample warehouse file', DEMO_WAREHOUSE)
    .addHelpText('after', '\nExample:\n  pulse demo    # same as npm start')
    .action((options: { path: string }) => runDemo(options.path));
}

async function runDemo(path: string): Promise<void> {
  const config = loadConfig();
  const say = (text = '') => process.stdout.write(`${text}\n`);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    say(`Creating the sample warehouse (first run only)…`);
    say(describeSample(await writeDuckDb(path), path));
  }
  const wh = await openWarehouse(parseWarehouseUrl(`duckdb:${path}`, '--path'));
  try {
    // The sample's last day of data is the demo's as-of, so an older sample still shows full windows.
    const [last] = await wh.all('select max(day) as last_day from usage_daily');
    const asOf = String(last?.last_day ?? todayUtc());
    const { report, accounts } = await computeAllSignals(wh, config, { asOf, today: todayUtc() });
    say();
    say(`Consumption Pulse demo: ${accounts.length} accounts from ${path}, as of ${asOf}`);
    say(renderValidationSummary(report) || 'Warehouse rows: all valid.');
    say();
    say(renderPortfolioText(buildPortfolioReport(accounts), { worst: false }));
    say();
    const rules = loadRules(config.playbooksFile ?? undefined);
    const firings = firingsFor(accounts, rules, EMPTY_HISTORY, asOf);
    say(renderAttention(accounts, firings, ATTENTION));
    say();
    say(renderExpansion(accounts, EXPANDING));
    say();
    say(renderPlaybookSummary(firings, TASKS));
    say();
    say(await renderDemoPlan(wh, config, rules, asOf));
  } finally {
    await wh.close();
  }
}

/**
 * What a first sync would write: the sync job itself, in plan mode against the dry-run CRM. The demo
 * touches no state store, so every run of it shows the first sync.
 */
async function renderDemoPlan(warehouse: Warehouse, config: PulseConfig, rules: Rules, asOf: string): Promise<string> {
  const { connector } = await createConnector('dry-run', config.crm);
  const collected = collectPlan();
  const deps = { config, warehouse, store: null, connector, rules, clock: { now: () => new Date() }, logger: stderrLogger };
  const result = await syncInstallation(deps, { installation: null, asOf, now: new Date().toISOString(), mode: 'plan', onPlan: collected.add });
  const counts = result.mode === 'plan' ? result.plan : ZERO_PLAN_COUNTS;
  const plan = collected.result(counts);
  // The accounts with the most to do (a task outranks a trigger) show the plan best.
  const weight = (a: (typeof plan.accounts)[number]) => 2 * a.tasks.length + a.events.length;
  const shown = [...plan.accounts].sort((a, b) => weight(b) - weight(a)).slice(0, 1);
  return [
    `What the sync will write (dry run against ${connector.installationId}: nothing is written; preview with npx pulse plan --crm hubspot)`,
    renderCounts(counts),
    ...shown.flatMap((a) => ['', ...renderAccount(a, 6)]),
  ].join('\n');
}
