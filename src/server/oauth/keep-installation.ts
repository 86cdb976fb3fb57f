/**
 * What an OAuth callback does once the CRM has said which account it opened: the installation is
 * stored (or, when this account is installed already, its credentials replaced and its status made
 * active again: a reinstall after an uninstall resumes its history), HubSpot's properties are created
 * as `pulse crm setup` creates them, and its first sync is queued when a worker is configured.
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { setupCrm } from '../../../connectors/crm';
import { enqueueRun } from '../../../jobs/queue';
import { resolveAsOf } from '../../commands/common';
import { configForInstallation } from '../../commands/installation-config';
import { keepChangedCredentials } from '../../commands/installation-credentials';
import { isPulseError } from '../../errors';
import { defaultSchedule } from '../../schedule';
import { sealCredentials, type NamedInstallation, type StateStore } from '../../sync/state';
import type { Connected, OAuthProvider } from './providers';

export interface KeptInstallation {
  installation: NamedInstallation;
  reinstalled: boolean;
  /** Why the CRM setup failed (the installation then needs attention), or null. */
  setupProblem: string | null;
  /** The first sync's job id, or null without a worker queue (or when setup failed). */
  queuedJob: string | null;
}

export interface KeepDeps {
  store: StateStore;
  queue: Queue | null;
  encryptionKey: Buffer;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

async function storeInstallation(deps: KeepDeps, provider: OAuthProvider, connected: Connected): Promise<{ installation: NamedInstallation; reinstalled: boolean }> {
  const { store } = deps;
  const sealed = sealCredentials(connected.variables, deps.encryptionKey);
  const existing = (await store.listInstallations()).find((i) => i.crm === provider.crm && i.crmAccountId === connected.accountId);
  if (existing !== undefined) {
    await store.saveCredentials(existing.id, sealed);
    await store.setInstallationStatus(existing.name, 'active', null);
    return { installation: { ...existing, status: 'active', statusReason: null, credentials: sealed }, reinstalled: true };
  }
  const name = provider.installationName(connected.accountId);
  const installation = await store.addInstallation({
    name,
    crm: provider.crm,
    crmAccountId: connected.accountId,
    credentials: sealed,
    warehouseUrl: null,
    configFile: null,
    schedule: defaultSchedule(name),
  });
  return { installation, reinstalled: false };
}

/** Setup's report goes to the log; a failure is the installation's to show, not the request's to crash. */
async function setUp(deps: KeepDeps, provider: OAuthProvider, installation: NamedInstallation): Promise<string | null> {
  if (provider.crm !== 'hubspot') return null;
  const built = await configForInstallation(deps.store, installation.name, deps.env);
  try {
    let report = '';
    await setupCrm('hubspot', built.config.crm, { write: (text: string) => void (report += text) }, (changed) =>
      keepChangedCredentials(deps.store, installation, changed, deps.encryptionKey),
    );
    deps.logger.info({ installation: installation.name, report }, 'crm setup done');
    return null;
  } catch (error) {
    if (!isPulseError(error)) throw error;
    const problem = `setting up the Pulse fields failed: ${error.message}`;
    await deps.store.setInstallationStatus(installation.name, 'needs_attention', `${problem}; fix it, then pulse crm setup --installation ${installation.name} and pulse installations resume ${installation.name}`);
    deps.logger.warn({ installation: installation.name, code: error.code, problem }, 'crm setup failed');
    return problem;
  } finally {
    built.release();
  }
}

export async function keepInstallation(deps: KeepDeps, provider: OAuthProvider, connected: Connected): Promise<KeptInstallation> {
  const { installation, reinstalled } = await storeInstallation(deps, provider, connected);
  const setupProblem = await setUp(deps, provider, installation);
  let queuedJob: string | null = null;
  if (setupProblem === null && deps.queue !== null) {
    queuedJob = (await enqueueRun(deps.queue, { installation: installation.name, asOf: resolveAsOf(undefined) })).id;
  }
  deps.logger.info({ installation: installation.name, crm: provider.crm, account: connected.accountId, reinstalled, queuedJob }, 'installed');
  return { installation, reinstalled, setupProblem, queuedJob };
}
