import { Command } from 'commander';
import { stringify } from 'yaml';
import { openConfiguredWarehouse, todayUtc } from './common';
import { loadConfig } from './config';
import type { PulseConfig } from '../config/config';
import { maskedConfig } from '../config/mask';
import { MODEL_NAMES } from '../domain/contract';
import { isPulseError, PulseError } from '../errors';
import { loadRules } from '../playbooks';
import { resolveModelSource } from '../warehouse/model-sources';
import type { Warehouse } from '../warehouse/port';
import { planModel } from '../warehouse/validation/model-plan';

export interface ConfigCheckOptions {
  /** Skip the warehouse: check the mapped queries' text, not their columns. */
  offline: boolean;
  /** The day `planModel` checks dates against. @defaultValue today, UTC */
  today?: string;
  /** Opens the configured warehouse. @defaultValue `openConfiguredWarehouse` */
  open?: (config: PulseConfig) => Promise<Warehouse>;
}

/**
 * Everything the run checks before reading a row, as a list of problems (empty: the run will get
 * past them): the playbooks file, each model's mapping (the run's own checks, so a write or a
 * second statement is refused here too) and, unless offline, each model's columns against the
 * contract, learned from the read-only `limit 0` probe the run makes.
 */
export async function configProblems(config: PulseConfig, options: ConfigCheckOptions): Promise<string[]> {
  const problems = playbookProblems(config);
  let wh: Warehouse | null = null;
  if (!options.offline) {
    try {
      wh = await (options.open ?? openConfiguredWarehouse)(config);
    } catch (error) {
      problems.push(`warehouse ${config.warehouse.location.displayUrl}: ${messageOf(error)} — pass --offline to check the rest without it`);
    }
  }
  try {
    for (const model of MODEL_NAMES) {
      try {
        if (wh === null) {
          // Without a warehouse every table is taken to exist: only the mapping's text is checked.
          await resolveModelSource(model, config.warehouse.models, config.warehouse.schema, async () => true);
          continue;
        }
        const source = await wh.modelSource(model);
        if (source === null) continue;
        planModel({ model, sourceTypes: await wh.columnTypes(source), dialect: wh.dialect, today: options.today ?? todayUtc() });
      } catch (error) {
        const place = `warehouse.models.${model}`;
        const message = messageOf(error);
        problems.push(message.startsWith(place) ? message : `${place}: ${message}`);
      }
    }
  } finally {
    await wh?.close();
  }
  return problems;
}

/** The run loads the playbooks file before it reads the warehouse; so does the check. */
function playbookProblems(config: PulseConfig): string[] {
  try {
    loadRules(config.playbooksFile ?? undefined);
    return [];
  } catch (error) {
    return [`playbooks: ${messageOf(error)}`];
  }
}

/** A PulseError is a problem to list; anything else is a bug and goes on up. */
function messageOf(error: unknown): string {
  if (!isPulseError(error)) throw error;
  return error.message;
}

export function configCommand(): Command {
  const config = new Command('config').description('inspect the configuration');
  config
    .command('check')
    .description(
      'validate the environment, pulse.config.yaml, the playbooks file and the model mappings (their columns too, in the warehouse), ' +
        'then print the effective config with secrets masked',
    )
    .option('--offline', 'do not open the warehouse: check the mapped queries, not their columns')
    .addHelpText('after', '\nExamples:\n  PULSE_CONFIG=pulse.config.yaml pulse config check\n  pulse config check --offline')
    .action(async (options: { offline?: boolean }) => {
      const offline = options.offline === true;
      const effective = loadConfig();
      const problems = await configProblems(effective, { offline });
      if (problems.length > 0) {
        const list = problems.map((p) => `  - ${p.replace(/\n/g, '\n    ')}`).join('\n');
        throw new PulseError('CONFIG_INVALID', `config check found ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${list}`);
      }
      const checked = offline
        ? 'playbooks and model mappings checked; --offline: warehouse not opened'
        : `playbooks, model mappings and the columns in ${effective.warehouse.location.displayUrl} checked`;
      process.stdout.write(`config OK (${checked})\n\n${stringify(maskedConfig(effective))}`);
    });
  return config;
}
