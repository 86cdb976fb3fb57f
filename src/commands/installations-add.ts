/**
 * `pulse installations add NAME --crm hubspot|salesforce`: one tenant, its CRM credentials taken from
 * the environment now, sealed with PULSE_ENCRYPTION_KEY; the CRM is asked once which account they
 * open, and that account id (never guessed) names the installation's state.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnector, crmLabel, type CrmKind } from '../../connectors/crm';
import type { PulseConfig } from '../config/config';
import { maskUrl, parseWarehouseUrl } from '../config/warehouse-url';
import { parseEncryptionKey } from '../crypto';
import { isPulseError, PulseError } from '../errors';
import { defaultSchedule, nextCronRun, parseCron } from '../schedule';
import { openStateStore, sealCredentials, type CredentialVariables, type NamedInstallation, type StateStore } from '../sync/state';
import { loadConfig } from './config';
import { DEFAULT_TENANT } from './sync-deps';

export const INSTALLATION_CRMS = ['hubspot', 'salesforce'] as const;
export type InstallationCrm = (typeof INSTALLATION_CRMS)[number];

export interface AddOptions {
  crm: InstallationCrm;
  warehouse?: string;
  schedule?: string;
  config?: string;
  /**
   * Another installation already writes to this CRM account (one portal fed by two warehouses, each
   * with its own accounts): allowed deliberately. The two share the account's rate budget.
   */
  shareAccount?: boolean;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A slug: it is the tenant of the installation's state, shown in lists and typed in commands. */
export function checkInstallationName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new PulseError('INPUT_INVALID', `"${name}" is not an installation name: lower-case letters, digits and dashes, starting with a letter or digit, at most 63`, {
      place: 'NAME',
      hint: 'for example acme or acme-eu',
    });
  }
  // The CLI's own runs are the 'default' tenant: an installation of that name would share their state.
  if (name === DEFAULT_TENANT) throw new PulseError('INPUT_INVALID', `"${DEFAULT_TENANT}" is the tenant of the CLI's own runs: choose another name`, { place: 'NAME' });
}

/** The flags, checked before anything is opened or any CRM is called. */
function settingsOf(name: string, options: AddOptions, cwd: string): { schedule: string; warehouse: string | null; configFile: string | null } {
  checkInstallationName(name);
  const schedule = options.schedule ?? defaultSchedule(name);
  parseCron(schedule, '--schedule');
  if (options.warehouse !== undefined) parseWarehouseUrl(options.warehouse, '--warehouse');
  const configFile = options.config === undefined ? null : resolve(cwd, options.config);
  if (configFile !== null && !existsSync(configFile)) throw new PulseError('INPUT_INVALID', `config file ${configFile} does not exist`, { place: '--config' });
  return { schedule, warehouse: options.warehouse ?? null, configFile };
}

function encryptionKeyOf(config: PulseConfig): Buffer {
  if (config.encryptionKey === undefined) {
    throw new PulseError('CONFIG_INVALID', 'an installation keeps its CRM credentials encrypted, and PULSE_ENCRYPTION_KEY is not set', {
      place: 'env PULSE_ENCRYPTION_KEY',
      hint: 'set it to 32 random bytes (openssl rand -hex 32) and keep it: the worker needs the same key to read the credentials',
    });
  }
  return parseEncryptionKey(config.encryptionKey);
}

/** Builds the connector once: the account its credentials open, and the variables to keep. */
async function connectOnce(name: string, crm: CrmKind, config: PulseConfig): Promise<{ accountId: string; credentials: CredentialVariables }> {
  try {
    const setup = await createConnector(crm, config.crm);
    try {
      return { accountId: setup.connector.installationId, credentials: setup.credentials };
    } finally {
      await setup.connector.close();
    }
  } catch (error) {
    if (!isPulseError(error) || !['CRM_AUTH_FAILED', 'CRM_NOT_CONFIGURED', 'CONFIG_INVALID'].includes(error.code)) throw error;
    throw new PulseError(error.code, `cannot add installation "${name}": ${error.message}`, {
      place: error.place ?? `installation ${name}`,
      hint: error.hint ?? `check the ${crmLabel(crm)} credentials in the environment; nothing was stored`,
    });
  }
}

async function refuseTwin(store: StateStore, name: string, crm: CrmKind, accountId: string): Promise<void> {
  const twin = (await store.listInstallations()).find((i) => i.crm === crm && i.crmAccountId === accountId);
  if (twin === undefined) return;
  throw new PulseError('INPUT_INVALID', `${crmLabel(crm)} ${accountId} is already installation "${twin.name}": two installations of one account would write its records twice`, {
    place: `installation ${name}`,
    hint: `pulse installations remove ${twin.name} first, add ${name} with the credentials of another account, or pass --share-account if their warehouses hold different accounts`,
  });
}

export async function addInstallation(name: string, options: AddOptions, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<NamedInstallation> {
  const settings = settingsOf(name, options, cwd);
  // The installation's own config file and warehouse, as its runs will parse them: a bad one fails now.
  const config = loadConfig({ ...env, ...(settings.configFile === null ? {} : { PULSE_CONFIG: settings.configFile }), ...(settings.warehouse === null ? {} : { WAREHOUSE_URL: settings.warehouse }) }, cwd);
  const key = encryptionKeyOf(config);
  const store = await openStateStore(config.state);
  try {
    if ((await store.findInstallationByName(name)) !== null) {
      throw new PulseError('INPUT_INVALID', `an installation named "${name}" already exists`, { place: `installation ${name}`, hint: `pulse installations remove ${name} first to add it again` });
    }
    const { accountId, credentials } = await connectOnce(name, options.crm, config);
    if (options.shareAccount !== true) await refuseTwin(store, name, options.crm, accountId);
    const variables: CredentialVariables = { ...credentials };
    // Not a credential, but the environment's choice at this moment; the config file's stays in force otherwise.
    if (options.crm === 'salesforce' && env.SALESFORCE_API_VERSION !== undefined) variables.SALESFORCE_API_VERSION = env.SALESFORCE_API_VERSION;
    // The URL may hold a password: it is sealed with the credentials, and only shown masked.
    if (settings.warehouse !== null) variables.WAREHOUSE_URL = settings.warehouse;
    return await store.addInstallation({
      name,
      crm: options.crm,
      crmAccountId: accountId,
      credentials: sealCredentials(variables, key),
      warehouseUrl: settings.warehouse === null ? null : maskUrl(settings.warehouse),
      configFile: settings.configFile,
      schedule: settings.schedule,
    });
  } finally {
    await store.close();
  }
}

export function describeAdded(installation: NamedInstallation, now = new Date()): string {
  const next = nextCronRun(parseCron(installation.schedule), now);
  return (
    `Added installation "${installation.name}": ${crmLabel(installation.crm)} ${installation.crmAccountId}, ` +
    `warehouse ${installation.warehouseUrl ?? '(the configured one)'}, schedule "${installation.schedule}" (UTC; next run ${next === null ? '-' : next.toISOString()}).\n` +
    `Its credentials are stored encrypted with PULSE_ENCRYPTION_KEY. Check it: pulse plan --installation ${installation.name}\n`
  );
}
