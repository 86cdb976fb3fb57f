/**
 * `pulse installations add|list|remove|pause|resume`: named installations, one tenant each, with their
 * CRM credentials (sealed), warehouse, config file and schedule, for the worker to run and for
 * `--installation NAME` of crm setup, plan, sync and runs.
 */
import { Command, Option } from 'commander';
import { openStateStore, openStateStoreReadOnly, type InstallationStatus, type StateStore } from '../sync/state';
import { parseFormat } from './common';
import { loadConfig } from './config';
import { noSuchInstallation } from './installation-config';
import { addInstallation, describeAdded, INSTALLATION_CRMS, type AddOptions } from './installations-add';
import { installationRows, installationsToJson, renderInstallations } from './installations-list';

async function withStore<T>(open: typeof openStateStore | typeof openStateStoreReadOnly, fn: (store: StateStore | null) => Promise<T>): Promise<T> {
  const store = await open(loadConfig().state);
  try {
    return await fn(store);
  } finally {
    await store?.close();
  }
}

function statusCommand(verb: 'pause' | 'resume', status: InstallationStatus, description: string, said: (name: string) => string): Command {
  return new Command(verb)
    .argument('<name>', 'installation name')
    .description(description)
    .action((name: string) =>
      withStore(openStateStore, async (store) => {
        if (store === null || !(await store.setInstallationStatus(name, status, null))) throw noSuchInstallation(name);
        process.stdout.write(`${said(name)}\n`);
      }),
    );
}

export function installationsCommand(): Command {
  const command = new Command('installations').description('named installations: one tenant each, with its CRM credentials, warehouse, config and schedule');
  command
    .command('add')
    .argument('<name>', 'a slug: lower-case letters, digits, dashes (at most 63)')
    .description("adds an installation with the CRM credentials in the environment now, encrypted with PULSE_ENCRYPTION_KEY; asks the CRM which account they open")
    .addOption(new Option('--crm <crm>', 'its CRM').choices(INSTALLATION_CRMS).makeOptionMandatory())
    .option('--warehouse <url>', 'its warehouse URL (default: the configured one at each run); kept encrypted, shown masked')
    .option('--schedule <cron>', 'five-field cron, UTC (default: hourly at a minute taken from the name)')
    .option('--config <file>', 'its pulse.config.yaml (default: the deployment\'s)')
    .option('--share-account', 'allow a CRM account another installation already writes to (their warehouses hold different accounts; they share its rate budget)')
    .addHelpText(
      'after',
      '\nCredentials come from the environment, as for pulse sync:\n' +
        '  hubspot:    HUBSPOT_ACCESS_TOKEN, HUBSPOT_BASE_URL; for an OAuth installation also HUBSPOT_REFRESH_TOKEN,\n' +
        '              HUBSPOT_TOKEN_EXPIRES_AT (HUBSPOT_CLIENT_ID and _SECRET stay the deployment\'s, not stored)\n' +
        '  salesforce: SALESFORCE_INSTANCE_URL, SALESFORCE_ACCESS_TOKEN, SALESFORCE_REFRESH_TOKEN, SALESFORCE_CLIENT_ID,\n' +
        '              SALESFORCE_CLIENT_SECRET, SALESFORCE_LOGIN_URL, SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY_PATH\n' +
        '              (the key file\'s content is stored, encrypted, not its path), SALESFORCE_API_VERSION\n' +
        '\nExamples:\n  pulse installations add acme --crm hubspot --warehouse postgres://pulse@dw.acme.internal/analytics\n' +
        '  pulse installations add globex --crm salesforce --schedule "30 5 * * *" --config globex.yaml',
    )
    .action(async (name: string, options: AddOptions) => {
      const added = await addInstallation(name, options);
      process.stdout.write(describeAdded(added));
    });
  command
    .command('list')
    .description('each installation: CRM and account, warehouse (masked), schedule, last and next run, status')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExamples:\n  pulse installations list\n  pulse installations list --format json')
    .action((options: { format: string }) =>
      withStore(openStateStoreReadOnly, async (store) => {
        const format = parseFormat(options.format, ['table', 'json'] as const);
        const rows = await installationRows(store, new Date());
        process.stdout.write(`${format === 'json' ? installationsToJson(rows) : renderInstallations(rows)}\n`);
      }),
    );
  command
    .command('remove')
    .argument('<name>', 'installation name')
    .description('deletes its credentials and settings; its runs and sync state stay (pulse runs still lists them)')
    .action((name: string) =>
      withStore(openStateStore, async (store) => {
        if (store === null || !(await store.removeInstallation(name))) throw noSuchInstallation(name);
        process.stdout.write(`Removed installation "${name}": its credentials and settings are deleted; its runs stay in pulse runs.\n`);
      }),
    );
  command.addCommand(statusCommand('pause', 'paused', 'stops its scheduled runs (and pulse sync --installation) until it is resumed', (name) => `Paused installation "${name}": no run starts until pulse installations resume ${name}.`));
  command.addCommand(statusCommand('resume', 'active', 'makes it active again (also clears needs_attention)', (name) => `Resumed installation "${name}": it runs on its schedule again.`));
  return command;
}
