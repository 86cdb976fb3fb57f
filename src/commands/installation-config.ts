/**
 * A named installation's configuration: its sealed variables opened and laid over the environment
 * (installations-env.ts), then parsed by the same `loadConfig` as every command. The CLI's
 * `--installation` and the worker both build an installation's run through `configForInstallation`.
 */
import type { PulseConfig } from '../config/config';
import { parseEncryptionKey } from '../crypto';
import { isPulseError, PulseError } from '../errors';
import { openCredentials, openStateStoreReadOnly, type CredentialVariables, type NamedInstallation, type StateStore } from '../sync/state';
import { loadConfig } from './config';
import { installationEnvironment, PRIVATE_KEY_VARIABLE } from './installations-env';
import { writePrivateKeyFile, type KeyFile } from './installations-key-file';

export interface InstallationConfig {
  config: PulseConfig;
  installation: NamedInstallation;
  /**
   * Removes what was written for the run: a Salesforce JWT key's file, which the connector reads when
   * it is built. Call it once the connector is built, or in a `finally`; harmless to call twice.
   */
  release(): void;
}

export function noSuchInstallation(name: string): PulseError {
  return new PulseError('INPUT_INVALID', `no installation named "${name}"`, {
    place: `installation ${name}`,
    hint: 'pulse installations list shows them; pulse installations add NAME --crm hubspot|salesforce adds one',
  });
}

/** The installation's variables; every way this fails names the installation and never a value. */
export function installationVariables(installation: NamedInstallation, env: NodeJS.ProcessEnv): CredentialVariables {
  const place = `installation ${installation.name}`;
  if (env.PULSE_ENCRYPTION_KEY === undefined || env.PULSE_ENCRYPTION_KEY === '') {
    throw new PulseError('CONFIG_INVALID', `installation "${installation.name}" keeps its credentials encrypted, and PULSE_ENCRYPTION_KEY is not set`, {
      place,
      hint: 'set PULSE_ENCRYPTION_KEY to the key the installation was added with',
    });
  }
  if (installation.credentials === null) {
    throw new PulseError('CONFIG_INVALID', `installation "${installation.name}" has no credentials stored`, { place, hint: `pulse installations remove ${installation.name}, then add it again` });
  }
  const key = parseEncryptionKey(env.PULSE_ENCRYPTION_KEY);
  try {
    return openCredentials(installation.credentials, key, installation.crm);
  } catch (error) {
    if (!isPulseError(error) || error.code !== 'STATE_STORE_FAILED') throw error;
    throw new PulseError('CONFIG_INVALID', `cannot open the credentials of installation "${installation.name}": ${error.message}`, {
      place,
      hint: 'PULSE_ENCRYPTION_KEY must be the key the installation was added with',
    });
  }
}

/**
 * The configuration to run the installation `name` with: `env` (the deployment's: state store,
 * encryption key, Redis) with the installation's credential variables, warehouse and config file
 * over it. Throws INPUT_INVALID when there is no such installation, CONFIG_INVALID when its
 * credentials cannot be opened (no key, wrong key) or its config does not parse.
 */
export async function configForInstallation(
  store: Pick<StateStore, 'findInstallationByName'>,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<InstallationConfig> {
  const installation = await store.findInstallationByName(name);
  if (installation === null) throw noSuchInstallation(name);
  const variables = installationVariables(installation, env);
  const pem = variables[PRIVATE_KEY_VARIABLE];
  const keyFile: KeyFile | null = pem === undefined ? null : writePrivateKeyFile(pem);
  try {
    const overlay = installationEnvironment(env, variables, { configFile: installation.configFile, privateKeyPath: keyFile?.path });
    const config = loadConfig(overlay, cwd);
    return { config, installation, release: () => keyFile?.remove() };
  } catch (error) {
    keyFile?.remove();
    throw error;
  }
}

/**
 * What a CLI command runs with: with `--installation NAME`, that installation's configuration (read
 * from the store the deployment's environment names, closed again before `fn` opens what it needs);
 * without, the environment's own. What was written for the run is removed whatever happens.
 */
export async function withCommandConfig<T>(
  name: string | undefined,
  fn: (target: { config: PulseConfig; installation?: NamedInstallation }) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  if (name === undefined) return fn({ config: loadConfig(env) });
  const store = await openStateStoreReadOnly(loadConfig(env).state);
  if (store === null) throw noSuchInstallation(name);
  let built: InstallationConfig;
  try {
    built = await configForInstallation(store, name, env);
  } finally {
    await store.close();
  }
  try {
    return await fn(built);
  } finally {
    built.release();
  }
}
