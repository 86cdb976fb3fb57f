import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig } from './config';
import { PulseError } from '../errors';
import { previewFirings } from '../pipeline/preview-firings';
import { checkRulesText, DEFAULT_RULES_FILE_NAME, DEFAULT_RULES_YAML, firingsToJson, renderFiringsTable, writeDefaultRules } from '../playbooks';
import { asOfOption, parseFormat, resolveAsOf, todayUtc, warehouseOption, withWarehouse } from './common';

interface PreviewOptions {
  warehouse?: string;
  asOf?: string;
  format: string;
}

export function playbooksCommand(): Command {
  const playbooks = new Command('playbooks').description('the rules from signals to CSM tasks and CRM workflow triggers');
  playbooks
    .command('preview')
    .description('which accounts would fire which playbook, and why; writes nothing')
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .addOption(new Option('--format <format>', 'table or json').default('table'))
    .addHelpText('after', '\nExample:\n  pulse playbooks preview --as-of 2026-11-24 --format json')
    .action(async (options: PreviewOptions) => {
      const format = parseFormat(options.format, ['table', 'json'] as const);
      const config = loadConfig();
      const today = todayUtc();
      const asOf = resolveAsOf(options.asOf, today);
      const firings = await withWarehouse(config, options.warehouse, (wh) => previewFirings(wh, config, { asOf, today }), { asOf });
      process.stdout.write(format === 'json' ? `${firingsToJson(firings)}\n` : `${renderFiringsTable(firings)}\n`);
    });
  playbooks
    .command('check')
    .argument('[file]', 'rules file to validate (default: the built-in defaults)')
    .description('validate a playbook rules file and list every problem with its rule and path')
    .addHelpText('after', '\nExample:\n  pulse playbooks check playbooks.yaml')
    .action((file: string | undefined) => {
      const text = file === undefined ? DEFAULT_RULES_YAML : readFileSync(file, 'utf8');
      const result = checkRulesText(text, file ?? `(built-in) ${DEFAULT_RULES_FILE_NAME}`);
      if (!result.ok) throw new PulseError('RULES_INVALID', result.errors.join('\n'), { place: file });
      process.stdout.write(`${file ?? 'built-in defaults'}: ${result.rules.playbooks.length} playbooks, OK\n`);
    });
  playbooks
    .command('init')
    .argument('[file]', 'where to write the defaults', DEFAULT_RULES_FILE_NAME)
    .description('write the default playbooks to a file to edit (then set `playbooks: FILE` in pulse.config.yaml)')
    .action((file: string) => {
      writeDefaultRules(file);
      process.stdout.write(`wrote ${file}\n`);
    });
  return playbooks;
}
