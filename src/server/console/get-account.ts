/** `GET /console/accounts/:account_id`: 180 days of the account's snapshots, its firings and its fields as written. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { addDays } from '../../domain/dates';
import { accountPage } from '../../console/pages/account';
import { badRequest, chooseInstallation, installationOnly, sendHtml, sendMessage, type ConsoleDeps } from './deps';

const HISTORY_DAYS = 180;
const FIRINGS = 50;
const accountId = z.string().min(1).max(500);

export function getAccount(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = installationOnly.safeParse(req.query);
    const id = accountId.safeParse(req.params.account_id);
    if (!query.success || !id.success) return badRequest(res, ['The address names an account id and, optionally, ?installation=NAME.']);
    const chosen = await chooseInstallation(deps, res, query.data.installation);
    if (chosen === null) return;
    const installationId = chosen.installation.id;
    const asOf = await deps.store.latestHistoryDay(installationId);
    const latest = await deps.store.latestSnapshot(installationId, id.data);
    const history = asOf === null || latest === null ? [] : await deps.store.accountHistory(installationId, id.data, addDays(latest.as_of, -(HISTORY_DAYS - 1)), latest.as_of);
    if (latest === null || asOf === null || latest.as_of < addDays(asOf, -(HISTORY_DAYS - 1))) return sendMessage(res, 404, 'No such account', [`Installation ${chosen.installation.name} has no account "${id.data}" in its last ${HISTORY_DAYS} days.`]);
    const firings = await deps.store.accountFirings(installationId, id.data, FIRINGS);
    const fields = await deps.store.accountFieldValues(installationId, id.data);
    sendHtml(res, 200, accountPage({ installation: chosen.installation.name, installations: chosen.names, latest, history, firings, fields }));
  };
}
