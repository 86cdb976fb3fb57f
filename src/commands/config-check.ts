import { Command } from 'commander';
import { stringify } from 'yaml';
import { loadConfig } from './config';
import { maskedConfig } from '../config/mask';

export function configCommand(): Command {
  const config = new Command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate the environment and pulse.config.yaml, then print the effective config with secrets masked')
    .addHelpText('after', '\nExample:\n  PULSE_CONFIG=pulse.config.yaml pulse config check')
    .action(() => {
      const effective = loadConfig();
      process.stdout.write(`config OK\n\n${stringify(maskedConfig(effective))}`);
    });
  return config;
}
