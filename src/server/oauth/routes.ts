/**
 * `GET /oauth/<crm>/install` and `GET /oauth/<crm>/callback` for every OAuth provider: the install
 * issues a signed, single-use state with a PKCE pair and redirects to the CRM's consent screen; the
 * callback checks the state, takes its verifier (once), exchanges the code, and keeps the installation.
 */
import { Router, type Request, type Response } from 'express';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PulseConfig } from '../../config/config';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '../../crypto';
import { isPulseError } from '../../errors';
import type { StateStore } from '../../sync/state';
import { keepInstallation } from './keep-installation';
import { sendPage } from './page';
import { OAUTH_PROVIDERS, type OAuthProvider } from './providers';
import { checkState, issueState, stateSigningKey } from './state';

export interface OAuthDeps {
  store: StateStore;
  queue: Queue | null;
  config: PulseConfig;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  now: () => number;
}

const callbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(1024) }),
  // The admin declined, or the CRM refused the request: OAuth's error instead of a code.
  z.object({ error: z.string().min(1).max(200), error_description: z.string().max(1000).optional(), state: z.string().max(1024).optional() }),
]);

function missingSettings(deps: OAuthDeps, provider: OAuthProvider): string[] {
  const { config } = deps;
  return [
    ...(config.publicUrl === undefined ? ['PULSE_PUBLIC_URL'] : []),
    ...(config.encryptionKey === undefined ? ['PULSE_ENCRYPTION_KEY'] : []),
    ...provider.missing(config),
  ];
}

function redirectUri(config: PulseConfig, provider: OAuthProvider): string {
  return `${(config.publicUrl ?? '').replace(/\/+$/, '')}/oauth/${provider.crm}/callback`;
}

function notConfigured(res: Response, provider: OAuthProvider, missing: readonly string[]): void {
  sendPage(res, 503, `${provider.label} installs are not configured`, [`Set ${missing.join(', ')} in the environment of pulse serve, then try again.`, 'See docs/install.md.']);
}

async function install(deps: OAuthDeps, provider: OAuthProvider, res: Response): Promise<void> {
  const missing = missingSettings(deps, provider);
  if (missing.length > 0) return notConfigured(res, provider, missing);
  const key = parseEncryptionKey(deps.config.encryptionKey ?? '');
  const issued = issueState(provider.crm, stateSigningKey(key), deps.now());
  await deps.store.saveOAuthState({ nonce: issued.nonce, crm: provider.crm, verifier: encryptSecret(issued.verifier, key), expiresAt: new Date(issued.expiresAt).toISOString() });
  res.set('cache-control', 'no-store').redirect(302, provider.authorizeUrl(deps.config, redirectUri(deps.config, provider), issued));
}

const START_AGAIN = (provider: OAuthProvider) => `Start the install again from /oauth/${provider.crm}/install.`;

async function callback(deps: OAuthDeps, provider: OAuthProvider, req: Request, res: Response): Promise<void> {
  const missing = missingSettings(deps, provider);
  if (missing.length > 0) return notConfigured(res, provider, missing);
  const query = callbackQuery.safeParse(req.query);
  if (!query.success) return sendPage(res, 400, 'Install failed', ['The callback carried neither a code and state nor an error.', START_AGAIN(provider)]);
  if ('error' in query.data) {
    deps.logger.info({ crm: provider.crm, oauthError: query.data.error }, 'install declined');
    return sendPage(res, 400, 'Install cancelled', [`${provider.label} did not grant access (${query.data.error}).`, START_AGAIN(provider)]);
  }
  const key = parseEncryptionKey(deps.config.encryptionKey ?? '');
  const checked = checkState(query.data.state, provider.crm, stateSigningKey(key), deps.now());
  const sealedVerifier = 'nonce' in checked ? await deps.store.takeOAuthState(checked.nonce, provider.crm) : null;
  if (sealedVerifier === null) {
    const problem = 'problem' in checked ? checked.problem : 'already used';
    deps.logger.warn({ crm: provider.crm, problem }, 'install state refused');
    return sendPage(res, 400, 'Install link refused', [`This install link is ${problem === 'expired' ? 'expired (links last 10 minutes)' : problem === 'already used' ? 'already used' : 'not one this deployment issued'}.`, START_AGAIN(provider)]);
  }
  let connected;
  try {
    connected = await provider.connect(deps.config, { code: query.data.code, redirectUri: redirectUri(deps.config, provider), verifier: decryptSecret(sealedVerifier, key), nowMs: deps.now() });
  } catch (error) {
    if (!isPulseError(error)) throw error;
    deps.logger.warn({ crm: provider.crm, code: error.code, problem: error.message }, 'code exchange failed');
    return sendPage(res, 502, 'Install failed', [`${provider.label} did not complete the install: ${error.message}`, 'Nothing was stored.', START_AGAIN(provider)]);
  }
  const kept = await keepInstallation({ store: deps.store, queue: deps.queue, encryptionKey: key, env: deps.env, logger: deps.logger }, provider, connected);
  const name = kept.installation.name;
  sendPage(res, 200, `${provider.label} connected`, [
    `${provider.label} ${connected.accountId} is ${kept.reinstalled ? 'connected again as' : 'now'} installation "${name}"; its tokens are stored encrypted.`,
    kept.setupProblem === null ? 'The Pulse fields are in place.' : `It needs attention: ${kept.setupProblem}.`,
    kept.queuedJob !== null ? `Its first sync is queued (${kept.queuedJob}).` : kept.setupProblem === null ? `It syncs on its schedule (${kept.installation.schedule}, UTC) once pulse worker runs.` : 'No sync was queued.',
  ]);
}

export function oauthRoutes(deps: OAuthDeps): Router {
  const router = Router();
  for (const provider of Object.values(OAUTH_PROVIDERS)) {
    router.get(`/${provider.crm}/install`, (_req: Request, res: Response) => install(deps, provider, res));
    router.get(`/${provider.crm}/callback`, (req: Request, res: Response) => callback(deps, provider, req, res));
  }
  return router;
}
