/**
 * The environment a named installation runs in: the process's, with every CRM credential variable
 * taken out and the installation's own put in, its warehouse URL and its config file. Fed to the same
 * `loadConfig` as any command, so everything downstream is unchanged.
 */
import type { CredentialVariables } from '../sync/state';

/** Every variable a CRM connector reads; none of the process's may leak into an installation's run. */
export const CRM_VARIABLES = [
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_BASE_URL',
  // An OAuth installation's own tokens; HUBSPOT_CLIENT_ID and _SECRET are the deployment's and stay.
  'HUBSPOT_REFRESH_TOKEN',
  'HUBSPOT_TOKEN_EXPIRES_AT',
  'SALESFORCE_INSTANCE_URL',
  'SALESFORCE_ACCESS_TOKEN',
  'SALESFORCE_REFRESH_TOKEN',
  'SALESFORCE_CLIENT_ID',
  'SALESFORCE_CLIENT_SECRET',
  'SALESFORCE_USERNAME',
  'SALESFORCE_PRIVATE_KEY_PATH',
  'SALESFORCE_LOGIN_URL',
  'SALESFORCE_API_VERSION',
] as const;

/**
 * Not an environment variable anyone sets: the PEM text of the JWT key, kept in the sealed map in
 * place of SALESFORCE_PRIVATE_KEY_PATH so an installation does not depend on a file of the machine
 * that added it. Written to a private file for the run (installations-key-file.ts).
 */
export const PRIVATE_KEY_VARIABLE = 'SALESFORCE_PRIVATE_KEY';

export interface InstallationSettings {
  /** Absolute path of the installation's config file, or null for the deployment's own. */
  configFile: string | null;
  /** Where SALESFORCE_PRIVATE_KEY was written for this run, when the map holds one. */
  privateKeyPath?: string;
}

export function installationEnvironment(env: NodeJS.ProcessEnv, variables: CredentialVariables, settings: InstallationSettings): NodeJS.ProcessEnv {
  const overlay: NodeJS.ProcessEnv = { ...env };
  for (const name of CRM_VARIABLES) delete overlay[name];
  for (const [name, value] of Object.entries(variables)) {
    if (name !== PRIVATE_KEY_VARIABLE) overlay[name] = value;
  }
  if (settings.privateKeyPath !== undefined) overlay.SALESFORCE_PRIVATE_KEY_PATH = settings.privateKeyPath;
  if (settings.configFile !== null) overlay.PULSE_CONFIG = settings.configFile;
  return overlay;
}
