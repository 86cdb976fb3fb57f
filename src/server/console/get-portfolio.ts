/** `GET /console/portfolio`: the latest day's snapshots summed into the same report `pulse report` prints. */
import type { Request, Response } from 'express';
import { portfolioPage } from '../../console/pages/portfolio';
import { buildPortfolioReport } from '../../report/portfolio';
import type { HistorySnapshot } from '../../sync/state';
import { badRequest, chooseInstallation, installationOnly, sendHtml, type ConsoleDeps } from './deps';

/** Snapshots read per query while summing the whole day. */
const CHUNK = 5000;

export function getPortfolio(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = installationOnly.safeParse(req.query);
    if (!query.success) return badRequest(res, ['Only ?installation=NAME is understood here.']);
    const chosen = await chooseInstallation(deps, res, query.data.installation);
    if (chosen === null) return;
    const { id, name } = chosen.installation;
    const asOf = await deps.store.latestHistoryDay(id);
    let report = null;
    if (asOf !== null) {
      const all: HistorySnapshot[] = [];
      for (let offset = 0; ; offset += CHUNK) {
        const page = await deps.store.listSnapshots(id, asOf, { sort: 'account_id', direction: 'asc', offset, limit: CHUNK });
        all.push(...page.rows);
        if (page.rows.length < CHUNK) break;
      }
      report = buildPortfolioReport(all.map((s) => ({ signals: s.signals, nrr: s.nrr })));
    }
    sendHtml(res, 200, portfolioPage({ installation: name, installations: chosen.names, report }));
  };
}
