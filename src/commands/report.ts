import { Command, Option } from 'commander';
import { loadConfig } from './config';
import { renderPortfolioText } from '../output/portfolio-text';
import { renderValidationSummary } from '../output/validation-summary';
import { computeAllSignals } from '../pipeline/compute-signals';
import { formatPortfolioReport } from '../report/format';
import { buildPortfolioReport } from '../report/portfolio';
import { asOfOption, parseFormat, resolveAsOf, todayUtc, warehouseOption, withWarehouse } from './common';

export function reportCommand(): Command {
  return new Command('report')
    .description('the portfolio view for managers: health tiers by coverage, expansion pipeline, NRR by driver and segment, worst risks')
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .addOption(new Option('--format <format>', 'table (for a person; text is the same) or json').default('table'))
    .addHelpText('after', '\nExample:\n  pulse report --as-of 2026-11-24')
    .action(async (options: { warehouse?: string; asOf?: string; format: string }) => {
      // `table` as every other command names the human format; `text` is kept for scripts written against it.
      const format = parseFormat(options.format, ['table', 'text', 'json'] as const);
      const config = loadConfig();
      const today = todayUtc();
      const asOf = resolveAsOf(options.asOf, today);
      const { report: validation, accounts } = await withWarehouse(config, options.warehouse, (wh) => computeAllSignals(wh, config, { asOf, today }), {
        asOf,
      });
      const summary = renderValidationSummary(validation);
      if (summary) process.stderr.write(`${summary}\n`);
      const report = buildPortfolioReport(accounts);
      process.stdout.write(format === 'json' ? `${JSON.stringify(formatPortfolioReport(report), null, 2)}\n` : `${renderPortfolioText(report)}\n`);
    });
}
