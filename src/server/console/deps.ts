/** What the console's routes are built from, and the helpers every one of them uses. */
import type { Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PulseConfig } from '../../config/config';
import { messagePage } from '../../console/pages/layout';
import type { NamedInstallation, StateStore } from '../../sync/state';

export interface ConsoleDeps {
  store: StateStore;
  adminToken: string | undefined;
  logger: Logger;
  config: PulseConfig;
  env: NodeJS.ProcessEnv;
  now: () => number;
}

export function sendHtml(res: Response, status: number, page: string): void {
  // Pages show account data behind a login: never cached by a browser or a proxy.
  res.status(status).type('html').set('cache-control', 'no-store').send(page);
}

export function sendMessage(res: Response, status: number, title: string, lines: readonly string[]): void {
  sendHtml(res, status, messagePage(title, lines));
}

/** Pages other than the accounts list take only the installation. */
export const installationOnly = z.object({ installation: z.string().min(1).max(200).optional() }).strict();

export interface Chosen {
  installation: NamedInstallation;
  names: string[];
}

/**
 * The installation a page shows: `?installation=NAME`, else the first by name. Answers the page
 * itself (404, or a page saying there is none yet) and returns null when there is nothing to show.
 */
export async function chooseInstallation(deps: ConsoleDeps, res: Response, name: string | undefined): Promise<Chosen | null> {
  const all = await deps.store.listInstallations();
  const names = all.map((i) => i.name);
  const installation = name === undefined ? all[0] : all.find((i) => i.name === name);
  if (installation === undefined) {
    if (name === undefined) sendMessage(res, 200, 'No installations yet', ['Add one with pulse installations add, or install from /oauth/hubspot/install or /oauth/salesforce/install.']);
    else sendMessage(res, 404, 'No such installation', [`There is no installation named "${name}".`]);
    return null;
  }
  return { installation, names };
}

export function badRequest(res: Response, problems: readonly string[]): void {
  sendMessage(res, 400, 'Bad request', problems);
}
