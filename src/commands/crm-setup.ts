import { Command, Option } from 'commander';
import { describeHubspotSetup, openHubspotLink, setupHubspot } from '../../connectors/crm/hubspot';
import { openSalesforceLink } from '../../connectors/crm/salesforce/link';
import { checkSalesforce, describeSalesforceCheck, SALESFORCE_DEPLOY_COMMAND, salesforceCheckPassed } from '../../connectors/crm/salesforce/setup';
import type { PulseConfig } from '../config/config';
import { loadConfig } from './config';
import { PulseError } from '../errors';

/**
 * `pulse crm setup --crm hubspot|salesforce`. HubSpot: create or update the Pulse properties through its
 * properties API. Salesforce: check the org's fields through `describe` and say what to deploy. Settings
 * come from the parsed configuration (environment and config file); credentials are never printed.
 */
interface Output {
  write(text: string): unknown;
}

/** Names every missing environment variable, never a value: the values are secrets. */
function requireSettings<K extends string>(crm: string, settings: Record<K, string | undefined>): Record<K, string> {
  const present: Partial<Record<K, string>> = {};
  const missing: string[] = [];
  for (const name of Object.keys(settings) as K[]) {
    const value = settings[name];
    if (value === undefined || value === '') missing.push(name);
    else present[name] = value;
  }
  if (missing.length > 0) {
    throw new PulseError('CRM_NOT_CONFIGURED', `${crm} setup needs ${missing.join(' and ')} in the environment`, { place: missing.join(', ') });
  }
  return present as Record<K, string>;
}

async function setupHubspotFromConfig(config: PulseConfig, out: Output): Promise<void> {
  const hub = config.crm.hubspot;
  const { HUBSPOT_ACCESS_TOKEN } = requireSettings('HubSpot', { HUBSPOT_ACCESS_TOKEN: hub.accessToken });
  const link = openHubspotLink({ accessToken: HUBSPOT_ACCESS_TOKEN, baseUrl: hub.baseUrl, rateLimitPer10s: hub.rateLimitPer10s });
  const report = await setupHubspot(link);
  out.write(describeHubspotSetup(report));
  if (report.conflicts.length > 0) {
    throw new PulseError('CRM_SCHEMA_MISMATCH', `${report.conflicts.length} HubSpot propert${report.conflicts.length === 1 ? 'y has' : 'ies have'} a type the catalog does not expect: ${report.conflicts.join('; ')}`);
  }
}

async function checkSalesforceFromConfig(config: PulseConfig, out: Output): Promise<void> {
  const sf = config.crm.salesforce;
  const settings = requireSettings('Salesforce', { SALESFORCE_INSTANCE_URL: sf.instanceUrl, SALESFORCE_ACCESS_TOKEN: sf.accessToken });
  const link = openSalesforceLink({ instanceUrl: settings.SALESFORCE_INSTANCE_URL, accessToken: settings.SALESFORCE_ACCESS_TOKEN, version: sf.apiVersion });
  const report = await checkSalesforce(link);
  out.write(describeSalesforceCheck(report));
  if (!salesforceCheckPassed(report)) {
    throw new PulseError(
      'CRM_SCHEMA_MISMATCH',
      `Salesforce org is not set up: ${report.missing.length} field(s) missing, ${report.mismatched.length} mismatched; deploy with: ${SALESFORCE_DEPLOY_COMMAND}`,
    );
  }
}

/** The `setup` subcommand alone, for a `crm` command defined elsewhere. */
export function crmSetupSubcommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('setup')
    .description('create or check the Pulse fields in a CRM, from the field catalog')
    .addOption(new Option('--crm <crm>', 'which CRM').choices(['hubspot', 'salesforce']).makeOptionMandatory())
    .addHelpText(
      'after',
      '\nEnvironment (or pulse.config.yaml for the URLs):\n  hubspot:    HUBSPOT_ACCESS_TOKEN, HUBSPOT_BASE_URL (default https://api.hubapi.com)\n' +
        '  salesforce: SALESFORCE_INSTANCE_URL, SALESFORCE_ACCESS_TOKEN, SALESFORCE_API_VERSION (default 60.0)\n' +
        '\nExamples:\n  pulse crm setup --crm hubspot\n  pulse crm setup --crm salesforce',
    )
    .action(async (options: { crm: 'hubspot' | 'salesforce' }) => {
      // Parsed when the command runs, not when it is built: `pulse --help` must not fail on a bad config.
      const config = loadConfig(env);
      if (options.crm === 'hubspot') await setupHubspotFromConfig(config, out);
      else await checkSalesforceFromConfig(config, out);
    });
}

/** `pulse crm` with its `setup` subcommand. */
export function crmSetupCommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('crm').description('set up and inspect the CRM side').addCommand(crmSetupSubcommand(env, out));
}
