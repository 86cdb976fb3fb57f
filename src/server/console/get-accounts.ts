/** `GET /console/accounts`: one page of 50, in one listSnapshots and one spendSeries for that page's accounts. */
import type { Request, Response } from 'express';
import { PAGE_SIZE, parseAccountsQuery } from '../../console/accounts-query';
import { addDays } from '../../domain/dates';
import { accountsPage } from '../../console/pages/accounts';
import { badRequest, chooseInstallation, sendHtml, type ConsoleDeps } from './deps';

export function getAccounts(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = parseAccountsQuery(req.query);
    if (!parsed.ok) return badRequest(res, parsed.problems);
    const chosen = await chooseInstallation(deps, res, parsed.query.installation);
    if (chosen === null) return;
    const { id, name } = chosen.installation;
    const query = { ...parsed.query, installation: name };
    const asOf = await deps.store.latestHistoryDay(id);
    if (asOf === null) return sendHtml(res, 200, accountsPage({ installation: name, installations: chosen.names, asOf, query, rows: [], total: 0, segments: [] }));
    const page = await deps.store.listSnapshots(id, asOf, {
      tier: query.tier, expansion: query.expansion, coverage: query.coverage, segment: query.segment,
      sort: query.sort, direction: query.dir, offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE,
    });
    const spend = await deps.store.spendSeries(id, page.rows.map((r) => r.account_id), addDays(asOf, -89), asOf);
    const rows = page.rows.map((snapshot) => ({ snapshot, spend90: (spend.get(snapshot.account_id) ?? []).map((p) => p.spend_day) }));
    sendHtml(res, 200, accountsPage({ installation: name, installations: chosen.names, asOf, query, rows, total: page.total, segments: page.segments }));
  };
}
