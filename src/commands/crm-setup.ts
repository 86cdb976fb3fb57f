import { Command, Option } from 'commander';
import { setupCrm, SETUP_KINDS } from '../../connectors/crm';
import type { Output } from '../../connectors/crm/settings';
import { loadConfig } from './config';

/**
 * `pulse crm setup --crm hubspot|salesforce`: each CRM's setup from the registry. HubSpot: create or
 * update the Pulse properties through its properties API. Salesforce: check the org's fields through
 * `describe` and say what to deploy. Settings come from the parsed configuration (environment and
 * config file); credentials are never printed.
 */
export function crmSetupSubcommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('setup')
    .description('create or check the Pulse fields in a CRM, from the field catalog')
    .addOption(new Option('--crm <crm>', 'which CRM').choices(SETUP_KINDS).makeOptionMandatory())
    .addHelpText(
      'after',
      '\nEnvironment (or pulse.config.yaml for the URLs):\n  hubspot:    HUBSPOT_ACCESS_TOKEN, HUBSPOT_BASE_URL (default https://api.hubapi.com)\n' +
        '  salesforce: SALESFORCE_INSTANCE_URL, SALESFORCE_ACCESS_TOKEN, SALESFORCE_API_VERSION (default 62.0)\n' +
        '\nExamples:\n  pulse crm setup --crm hubspot\n  pulse crm setup --crm salesforce',
    )
    .action(async (options: { crm: (typeof SETUP_KINDS)[number] }) => {
      // Parsed when the command runs, not when it is built: `pulse --help` must not fail on a bad config.
      const config = loadConfig(env);
      await setupCrm(options.crm, config.crm, out);
    });
}

/** `pulse crm` with its `setup` subcommand. */
export function crmSetupCommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('crm').description('set up and inspect the CRM side').addCommand(crmSetupSubcommand(env, out));
}
