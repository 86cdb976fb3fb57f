import { Command, Option } from 'commander';
import { z } from 'zod';
import { createHubspotClient, HUBSPOT_DEFAULT_BASE_URL } from '../../connectors/crm/hubspot/client';
import { describeHubspotSetup, setupHubspot } from '../../connectors/crm/hubspot/setup';
import { createSalesforceConnection } from '../../connectors/crm/salesforce/client';
import { checkSalesforce, describeSalesforceCheck, SALESFORCE_DEPLOY_COMMAND, salesforceCheckPassed } from '../../connectors/crm/salesforce/setup';
import { SALESFORCE_API_VERSION } from '../catalog/salesforce-manifest';
import { PulseError } from '../errors';

/**
 * `pulse crm setup --crm hubspot|salesforce`. HubSpot: create or update the Pulse properties through its
 * properties API. Salesforce: check the org's fields through `describe` and say what to deploy.
 * Credentials come from the environment and are never printed.
 */
const hubspotEnv = z.object({
  HUBSPOT_ACCESS_TOKEN: z.string().min(1),
  HUBSPOT_BASE_URL: z.url().default(HUBSPOT_DEFAULT_BASE_URL),
});
const salesforceEnv = z.object({
  SALESFORCE_INSTANCE_URL: z.url(),
  SALESFORCE_ACCESS_TOKEN: z.string().min(1),
  SALESFORCE_API_VERSION: z.string().regex(/^\d{2,3}\.0$/).default(SALESFORCE_API_VERSION),
});

/** Names every bad key, never a value: the values are secrets. */
function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const keys = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  throw new PulseError('CONFIG_INVALID', `missing or invalid environment: ${keys.join(', ')}`, { place: keys.join(', ') });
}

interface Output {
  write(text: string): unknown;
}

async function setupHubspotFromEnv(env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  const config = parseEnv(hubspotEnv, env);
  const report = await setupHubspot(createHubspotClient({ accessToken: config.HUBSPOT_ACCESS_TOKEN, baseUrl: config.HUBSPOT_BASE_URL }));
  out.write(describeHubspotSetup(report));
  if (report.conflicts.length > 0) {
    throw new PulseError('CRM_SCHEMA_MISMATCH', `${report.conflicts.length} HubSpot propert${report.conflicts.length === 1 ? 'y has' : 'ies have'} a type the catalog does not expect: ${report.conflicts.join('; ')}`);
  }
}

async function checkSalesforceFromEnv(env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  const config = parseEnv(salesforceEnv, env);
  const conn = createSalesforceConnection({
    instanceUrl: config.SALESFORCE_INSTANCE_URL,
    accessToken: config.SALESFORCE_ACCESS_TOKEN,
    version: config.SALESFORCE_API_VERSION,
  });
  const report = await checkSalesforce(conn);
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
      '\nEnvironment:\n  hubspot:    HUBSPOT_ACCESS_TOKEN, HUBSPOT_BASE_URL (default https://api.hubapi.com)\n' +
        '  salesforce: SALESFORCE_INSTANCE_URL, SALESFORCE_ACCESS_TOKEN, SALESFORCE_API_VERSION (default 60.0)\n' +
        '\nExamples:\n  pulse crm setup --crm hubspot\n  pulse crm setup --crm salesforce',
    )
    .action(async (options: { crm: 'hubspot' | 'salesforce' }) => {
      if (options.crm === 'hubspot') await setupHubspotFromEnv(env, out);
      else await checkSalesforceFromEnv(env, out);
    });
}

/** `pulse crm` with its `setup` subcommand. */
export function crmSetupCommand(env: NodeJS.ProcessEnv = process.env, out: Output = process.stdout): Command {
  return new Command('crm').description('set up and inspect the CRM side').addCommand(crmSetupSubcommand(env, out));
}
