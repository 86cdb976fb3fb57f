/**
 * `GET /report/:token`: one account's customer report, for whoever holds its signed link (`pulse
 * report-link`). An altered, malformed or expired link gets 403 and names nothing; the page is never
 * cached, indexed or sent on as a referrer.
 */
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { parseEncryptionKey } from '../../crypto';
import { addDays } from '../../domain/dates';
import { renderCustomerReport } from '../../report/customer-report';
import type { StateStore } from '../../sync/state';
import { sendPage } from '../oauth/page';
import { checkReportToken, reportSigningKey } from './report-token';

export interface ReportDeps {
  store: StateStore;
  encryptionKey: string | undefined;
  logger: Logger;
  now: () => number;
}

const DAYS_SHOWN = 90;


export function reportRoutes(deps: ReportDeps): Router {
  const router = Router();
  router.get('/:token', async (req: Request, res: Response) => {
    res.set({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
    if (deps.encryptionKey === undefined) return sendPage(res, 503, 'Reports are not available', ['This deployment has no PULSE_ENCRYPTION_KEY, so it cannot check report links.']);
    const token = String(req.params.token ?? '');
    const grant = checkReportToken(token, reportSigningKey(parseEncryptionKey(deps.encryptionKey)), deps.now());
    const refuse = (why: string) => {
      deps.logger.info({ refusal: why }, 'report link refused');
      sendPage(res, 403, 'This link does not open a report', [why === 'expired' ? 'The link has expired: ask your account team for a new one.' : 'The link is not valid: check that it was copied whole.']);
    };
    if ('problem' in grant) return refuse(grant.problem);
    const installation = await deps.store.findInstallationByName(grant.installation);
    const day = installation === null ? null : await deps.store.latestHistoryDay(installation.id);
    const snapshot = installation === null || day === null ? null : await deps.store.latestSnapshot(installation.id, grant.accountId);
    // A link of a removed installation or account is as good as expired: nothing to show, nothing to say why.
    if (installation === null || snapshot === null) return refuse('expired');
    const spend = (await deps.store.spendSeries(installation.id, [grant.accountId], addDays(snapshot.as_of, -(DAYS_SHOWN - 1)), snapshot.as_of)).get(grant.accountId) ?? [];
    res.type('html').send(renderCustomerReport({ snapshot, spend, expiresAt: grant.expiresAt }));
  });
  return router;
}
