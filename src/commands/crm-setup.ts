import { Command, Option } from 'commander';
import { setupCrm, SETUP_KINDS } from '../../connectors/crm';
import type { Output } from '../../connectors/crm/settings';
import type { PulseConfig } from '../config/config';
import { parseEncryptionKey } from '../crypto';
import { PulseError } from '../errors';
import { openStateStore, type NamedInstallation } from '../sync/state';
import { installationOption } from './common';
import { keepChangedCredentials } from './installation-credentials';
import { withCommandConfig } from './installation-config';
import { crmOf } from './sync-deps';

type SetupKind = (typeof SETUP_KINDS)[number];

function isSetupKind(kind: string): kind is SetupKind {
  return (SETUP_KINDS as readonly string[]).includes(kind);
}

/**
 * `pulse crm setup --crm hubspot|salesforce`: each CRM's setup from the registry. HubSpot: create or
 * update the Pulse properties through its properties API. Salesforce: check the org's fields through
 * `describe` and say what to deploy. Settings come from the parsed configuration (environment and
 * config file); credentials are never printed.
 */
export function crmSetupSubcommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('setup')
    .description('create or check the Pulse fields in a CRM, from the field catalog')
    .addOption(new Option('--crm <crm>', 'which CRM (required without --installation)').choices(SETUP_KINDS))
    .addOption(installationOption())
    .addHelpText(
      'after',
      '\nEnvironment (or pulse.config.yaml for the URLs):\n  hubspot:    HUBSPOT_ACCESS_TOKEN, HUBSPOT_BASE_URL (default https://api.hubapi.com)\n' +
        '              or, for an OAuth installation, HUBSPOT_REFRESH_TOKEN, HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET\n' +
        '  salesforce: SALESFORCE_INSTANCE_URL, SALESFORCE_ACCESS_TOKEN, SALESFORCE_API_VERSION (default 62.0)\n' +
        'With --installation NAME, that installation\'s stored credentials and config file instead.\n' +
        '\nExamples:\n  pulse crm setup --crm hubspot\n  pulse crm setup --crm salesforce\n  pulse crm setup --installation acme',
    )
    .action(async (options: { crm?: SetupKind; installation?: string }) => {
      if (options.crm === undefined && options.installation === undefined) {
        throw new PulseError('INPUT_INVALID', 'crm setup needs the CRM: --crm hubspot|salesforce, or --installation NAME', { place: 'pulse crm setup' });
      }
      // Parsed when the command runs, not when it is built: `pulse --help` must not fail on a bad config.
      await withCommandConfig(
        options.installation,
        async ({ config, installation }) => {
          const crm = crmOf(options, config, installation);
          if (!isSetupKind(crm)) throw new PulseError('INPUT_INVALID', `the ${crm} CRM has nothing to set up`, { place: '--crm' });
          await setupCrm(crm, config.crm, out, installation === undefined ? undefined : keepFor(installation, config));
        },
        env,
      );
    });
}

/** A named installation's refreshed OAuth pair is stored sealed again, as its runs store theirs. */
function keepFor(installation: NamedInstallation, config: PulseConfig): (changed: Record<string, string>) => Promise<void> {
  return async (changed) => {
    const store = await openStateStore(config.state);
    try {
      await keepChangedCredentials(store, installation, changed, parseEncryptionKey(config.encryptionKey ?? ''));
    } finally {
      await store.close();
    }
  };
}

/** `pulse crm` with its `setup` subcommand. */
export function crmSetupCommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('crm').description('set up and inspect the CRM side').addCommand(crmSetupSubcommand(env, out));
}
