/**
 * The composition root of `pulse plan` and `pulse sync`: it chooses and builds the adapters (CRM
 * connector, warehouse, state store) from the parsed configuration, hands them to `syncInstallation`,
 * and closes them whatever happens.
 */
import { Option } from 'commander';
import { createConnector, CRM_KINDS, crmLabel, isCrmKind, type ConnectorSetup, type CrmKind } from '../../connectors/crm';
import type { PulseConfig } from '../config/config';
import { encryptSecret, parseEncryptionKey } from '../crypto';
import { isPulseError, PulseError } from '../errors';
import { loadRules } from '../playbooks';
import type { CrmConnector } from '../sync/ports';
import { openStateStore, openStateStoreReadOnly, type Installation, type StateStore } from '../sync/state';
import type { SyncDeps, SyncLogger } from '../sync/sync-installation';
import { openConfiguredWarehouse, warnIfAsOfOutsideUsage } from './common';

/** `--crm` of plan and sync: one of the registry's kinds; left out, the config's `crm.provider`. */
export const crmOption = (what: string) =>
  new Option('--crm <crm>', `${what} (default: crm.provider in pulse.config.yaml, else dry-run)`).choices(CRM_KINDS);

/** The CRM a command works with: `--crm`, else the configured provider (checked against the registry when the config was parsed). */
export function crmOf(options: { crm?: CrmKind }, config: Pick<PulseConfig, 'crm'>): CrmKind {
  if (options.crm !== undefined) return options.crm;
  const provider = config.crm.provider;
  // parseConfig checked it against the same registry; this only narrows the type.
  if (!isCrmKind(provider)) throw new PulseError('CONFIG_INVALID', `crm.provider "${provider}" is not a CRM this release knows`, { place: 'crm.provider' });
  return provider;
}

/** The CLI serves one tenant; the web process installs many. */
export const DEFAULT_TENANT = 'default';

/** The CLI says only what needs the admin's attention; progress is for the worker's logs. */
export const stderrLogger: SyncLogger = {
  info: () => undefined,
  warn: (message) => process.stderr.write(`pulse: ${message}\n`),
};

/**
 * The credential to keep for the installation: sealed with PULSE_ENCRYPTION_KEY, or nothing at all.
 * Without a key no credential is stored: the CLI reads its token from the environment on every run,
 * and a token must never rest in the store in clear.
 */
export function sealCredential(credential: string | null, config: Pick<PulseConfig, 'encryptionKey'>): string | null {
  if (credential === null || config.encryptionKey === undefined) return null;
  return encryptSecret(credential, parseEncryptionKey(config.encryptionKey));
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
async function planningConnector(kind: CrmKind, config: PulseConfig): Promise<{ setup: ConnectorSetup; fallback: string | null }> {
  try {
    return { setup: await createConnector(kind, config.crm, { forPlan: true }), fallback: null };
  } catch (error) {
    if (kind === 'dry-run' || !isPulseError(error) || error.code !== 'CRM_NOT_CONFIGURED') throw error;
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
    if (mode === 'plan') {
      const planning = await planningConnector(kind, config);
      setup = planning.setup;
      note = planning.fallback;
      closers.push(() => setup.connector.close());
      // Read-only: no folder created, no migration, and the session refuses writes.
      store = await openStateStoreReadOnly(config.state);
      if (store !== null) closers.push(() => (store as StateStore).close());
      installation = note === null && store !== null ? await store.findInstallation(DEFAULT_TENANT, setup.connector.kind, setup.connector.installationId) : null;
    } else {
      // A session renewed during the run is kept, sealed, once the installation it belongs to is known.
      const kept: { token?: (token: string) => Promise<void> } = {};
      setup = await createConnector(kind, config.crm, { onAccessToken: async (token) => kept.token?.(token) });
      closers.push(() => setup.connector.close());
      const opened = await openStateStore(config.state);
      store = opened;
      closers.push(() => opened.close());
      const ensured = await opened.ensureInstallation(DEFAULT_TENANT, setup.connector.kind, setup.connector.installationId, sealCredential(setup.credential, config));
      installation = ensured;
      kept.token = async (token) => {
        const sealed = sealCredential(token, config);
        if (sealed !== null) await opened.saveCredentials(ensured.id, sealed);
      };
    }
    const warehouse = await openConfiguredWarehouse(config, request.warehouse);
    closers.push(() => warehouse.close());
    if (request.asOf !== undefined) await warnIfAsOfOutsideUsage(warehouse, request.asOf);
    const deps: SyncDeps = { config, warehouse, store, connector: setup.connector, rules, clock: { now: () => new Date() }, logger: stderrLogger };
    return await fn({ deps, installation, note });
  } finally {
    await closeAll(closers);
  }
}
