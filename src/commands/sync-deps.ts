/**
 * The composition root of `pulse plan` and `pulse sync`: it chooses and builds the adapters (CRM
 * connector, warehouse, state store) from the parsed configuration, hands them to `syncInstallation`,
 * and closes them whatever happens.
 */
import { Option } from 'commander';
import type { RateLimiter } from '../../connectors/crm/kit/limiter';
import { createConnector, CRM_KINDS, crmLabel, isCrmKind, type ConnectorSetup, type CrmKind } from '../../connectors/crm';
import type { PulseConfig } from '../config/config';
import { parseEncryptionKey } from '../crypto';
import { isPulseError, PulseError } from '../errors';
import { loadRules } from '../playbooks';
import type { CrmConnector } from '../sync/ports';
import {
  openCredentials, openStateStore, openStateStoreReadOnly, sealCredentials, type CredentialVariables, type Installation, type NamedInstallation, type StateStore,
} from '../sync/state';
import type { SyncDeps, SyncLogger } from '../sync/sync-installation';
import { openConfiguredWarehouse, warnIfAsOfOutsideUsage } from './common';

/** `--crm` of plan and sync: one of the registry's kinds; left out, the config's `crm.provider`. */
export const crmOption = (what: string) =>
  new Option('--crm <crm>', `${what} (default: crm.provider in pulse.config.yaml, else dry-run)`).choices(CRM_KINDS);

/**
 * The CRM a command works with: a named installation's own, else `--crm`, else the configured provider
 * (checked against the registry when the config was parsed).
 */
export function crmOf(options: { crm?: string }, config: Pick<PulseConfig, 'crm'>, installation?: Pick<NamedInstallation, 'name' | 'crm'>): CrmKind {
  if (installation !== undefined) {
    if (options.crm !== undefined && options.crm !== installation.crm) {
      throw new PulseError('INPUT_INVALID', `--crm ${options.crm} contradicts installation "${installation.name}", which is on ${crmLabel(installation.crm)}`, {
        place: '--crm',
        hint: 'leave --crm out: an installation names its CRM',
      });
    }
    if (!isCrmKind(installation.crm)) throw new PulseError('STATE_STORE_FAILED', `installation "${installation.name}" is on "${installation.crm}", a CRM this release does not know`, { place: `installation ${installation.name}` });
    return installation.crm;
  }
  if (options.crm !== undefined) {
    if (!isCrmKind(options.crm)) throw new PulseError('INPUT_INVALID', `--crm "${options.crm}" is not one of ${CRM_KINDS.join(', ')}`, { place: '--crm' });
    return options.crm;
  }
  const provider = config.crm.provider;
  // parseConfig checked it against the same registry; this only narrows the type.
  if (!isCrmKind(provider)) throw new PulseError('CONFIG_INVALID', `crm.provider "${provider}" is not a CRM this release knows`, { place: 'crm.provider' });
  return provider;
}

/** The CLI's own runs (without --installation) are this tenant's; a named installation's tenant is its name. */
export const DEFAULT_TENANT = 'default';

/** The CLI says only what needs the admin's attention; progress is for the worker's logs. */
export const stderrLogger: SyncLogger = {
  info: () => undefined,
  warn: (message) => process.stderr.write(`pulse: ${message}\n`),
};

/**
 * The credentials to keep for the installation: the connector's variables sealed with
 * PULSE_ENCRYPTION_KEY, or nothing at all. Without a key nothing is stored: the CLI reads its
 * credentials from the environment on every run, and a secret must never rest in the store in clear.
 */
export function sealConnectorCredentials(credentials: CredentialVariables, config: Pick<PulseConfig, 'encryptionKey'>): string | null {
  if (Object.keys(credentials).length === 0 || config.encryptionKey === undefined) return null;
  return sealCredentials(credentials, parseEncryptionKey(config.encryptionKey));
}

/**
 * Keeps renewed credentials with the installation: the changed variables (a Salesforce session, a
 * HubSpot OAuth pair and its expiry) replace theirs in the stored map, everything else in it stays, and
 * the map is sealed again. Without a key nothing is kept.
 */
async function keepRenewedCredentials(store: StateStore, installation: Installation, changed: CredentialVariables, fallback: CredentialVariables, config: PulseConfig): Promise<void> {
  if (config.encryptionKey === undefined) return;
  const key = parseEncryptionKey(config.encryptionKey);
  const stored = await store.credentials(installation.id);
  const current = stored === null ? fallback : openCredentials(stored, key, installation.crm);
  await store.saveCredentials(installation.id, sealCredentials({ ...current, ...changed }, key));
}

/**
 * A named installation's stored credentials must still open the CRM account it was added for: state
 * and history are that account's, and another one's must never be written with them.
 */
function checkSameAccount(named: NamedInstallation, connector: CrmConnector): void {
  if (connector.kind === named.crm && connector.installationId === named.crmAccountId) return;
  throw new PulseError('SYNC_REFUSED', `installation "${named.name}" was added for ${crmLabel(named.crm)} ${named.crmAccountId}, but its credentials now open ${describeConnector(connector)}`, {
    place: `installation ${named.name}`,
    hint: `pulse installations remove ${named.name}, then add it again with the credentials of the account it should sync`,
  });
}

export function describeConnector(connector: CrmConnector): string {
  return connector.kind === 'dry-run' ? `the dry-run CRM (${connector.installationId})` : `${crmLabel(connector.kind)} ${connector.installationId}`;
}

interface Composed {
  deps: SyncDeps;
  installation: Installation | null;
  /** Said before the output when the plan could not use the real CRM. */
  note: string | null;
}

/**
 * The connector a dry run plans with: the real CRM when it is configured (resolving record ids is a
 * read), else the dry-run CRM formatting like it. Without credentials the installation (the portal or
 * org) is unknown, so that plan reads no state at all: it is the plan of a first sync, never the plan of
 * whatever the dry-run CRM recorded. A real run never falls back.
 */
async function planningConnector(kind: CrmKind, config: PulseConfig, named: NamedInstallation | undefined): Promise<{ setup: ConnectorSetup; fallback: string | null }> {
  try {
    return { setup: await createConnector(kind, config.crm, { forPlan: true }), fallback: null };
  } catch (error) {
    // A named installation's plan is of that installation or nothing: its credentials are stored.
    if (named !== undefined || kind === 'dry-run' || !isPulseError(error) || error.code !== 'CRM_NOT_CONFIGURED') throw error;
    const setup = await createConnector('dry-run', config.crm, { mimic: kind });
    return {
      setup,
      fallback: `${error.message}. Planning as a first sync against the dry-run CRM with ${crmLabel(kind)}'s field names: every account counts as matched and nothing as written.`,
    };
  }
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.reverse()) await close();
}

export interface SyncDepsRequest {
  /** `--warehouse`: a warehouse URL that overrides the configured one. */
  warehouse?: string;
  /** The day the run computes as of: a day outside the warehouse's usage is warned about on stderr. */
  asOf?: string;
  /**
   * A named installation (`--installation`): its tenant, and the CRM account its credentials must
   * still open; `config` is then the one `configForInstallation` built. Absent: the CLI's own tenant.
   */
  installation?: NamedInstallation;
  /** An open state store to use and leave open (the worker holds one for its life). @defaultValue one opened from config.state for the command */
  store?: StateStore;
  /** The CRM account's rate budget shared across processes (the worker's Redis limiters). */
  limiters?: Record<string, RateLimiter>;
  /** Where the job's progress goes. @defaultValue warnings on stderr */
  logger?: SyncLogger;
}

/** Builds the job's dependencies for one command, runs `fn`, and closes every adapter. */
export async function withSyncDeps<T>(
  mode: 'plan' | 'sync',
  kind: CrmKind,
  config: PulseConfig,
  request: SyncDepsRequest,
  fn: (composed: Composed) => Promise<T>,
): Promise<T> {
  // Rules first: a bad rules file is the admin's to fix before anything opens or a run starts.
  const rules = loadRules(config.playbooksFile ?? undefined);
  const closers: (() => Promise<void>)[] = [];
  try {
    let setup: ConnectorSetup;
    let note: string | null = null;
    let store: StateStore | null;
    let installation: Installation | null;
    const named = request.installation;
    const tenant = named?.name ?? DEFAULT_TENANT;
    if (mode === 'plan') {
      const planning = await planningConnector(kind, config, named);
      setup = planning.setup;
      note = planning.fallback;
      closers.push(() => setup.connector.close());
      if (named !== undefined) checkSameAccount(named, setup.connector);
      // Read-only: no folder created, no migration, and the session refuses writes.
      store = await openStateStoreReadOnly(config.state);
      if (store !== null) closers.push(() => (store as StateStore).close());
      installation = note === null && store !== null ? await store.findInstallation(tenant, setup.connector.kind, setup.connector.installationId) : null;
    } else {
      // A session renewed during the run is kept, sealed, once the installation it belongs to is known;
      // one obtained while the connector was built waits for it.
      const renewed: { keep?: (changed: CredentialVariables) => Promise<void>; early: CredentialVariables } = { early: {} };
      setup = await createConnector(kind, config.crm, {
        limiters: request.limiters,
        onCredentials: async (changed) => {
          if (renewed.keep === undefined) renewed.early = { ...renewed.early, ...changed };
          else await renewed.keep(changed);
        },
      });
      const built = setup;
      closers.push(() => built.connector.close());
      if (named !== undefined) checkSameAccount(named, built.connector);
      const opened = request.store ?? (await openStateStore(config.state));
      store = opened;
      if (request.store === undefined) closers.push(() => opened.close());
      const { kind: crm, installationId: accountId } = built.connector;
      // A named installation's credentials are the stored ones: a run keeps them, it does not replace them.
      const ensured = await opened.ensureInstallation(tenant, crm, accountId, named === undefined ? sealConnectorCredentials(built.credentials, config) : null);
      installation = ensured;
      renewed.keep = (changed) => keepRenewedCredentials(opened, ensured, changed, built.credentials, config);
      if (Object.keys(renewed.early).length > 0) await renewed.keep(renewed.early);
    }
    const warehouse = await openConfiguredWarehouse(config, request.warehouse);
    closers.push(() => warehouse.close());
    if (request.asOf !== undefined) await warnIfAsOfOutsideUsage(warehouse, request.asOf);
    const deps: SyncDeps = { config, warehouse, store, connector: setup.connector, rules, clock: { now: () => new Date() }, logger: request.logger ?? stderrLogger };
    return await fn({ deps, installation, note });
  } finally {
    await closeAll(closers);
  }
}
