/**
 * `GET /console/runs/plan?installation=NAME`: the dry run of the installation's next run, on demand,
 * through the same code as `pulse plan --installation NAME`; the page shows its counts.
 */
import type { Request, Response } from 'express';
import { configForInstallation } from '../../commands/installation-config';
import { resolveAsOf, todayUtc } from '../../commands/common';
import { crmOf, describeConnector, withSyncDeps } from '../../commands/sync-deps';
import { planPage } from '../../console/pages/runs';
import { isPulseError } from '../../errors';
import { syncInstallation } from '../../sync/sync-installation';
import { badRequest, chooseInstallation, installationOnly, sendHtml, sendMessage, type ConsoleDeps } from './deps';

export function getPlan(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = installationOnly.safeParse(req.query);
    if (!query.success) return badRequest(res, ['Only ?installation=NAME is understood here.']);
    const chosen = await chooseInstallation(deps, res, query.data.installation);
    if (chosen === null) return;
    const name = chosen.installation.name;
    const now = new Date(deps.now()).toISOString();
    const asOf = resolveAsOf(undefined, todayUtc(new Date(now)));
    const logger = { info: (message: string) => deps.logger.info({ installation: name }, message), warn: (message: string) => deps.logger.warn({ installation: name }, message) };
    try {
      const built = await configForInstallation(deps.store, name, deps.env);
      try {
        const crm = crmOf({}, built.config, built.installation);
        const page = await withSyncDeps('plan', crm, built.config, { asOf, installation: built.installation, logger }, async ({ deps: syncDeps, installation, note }) => {
          const result = await syncInstallation(syncDeps, { installation, asOf, now, mode: 'plan', backfill: false });
          if (result.mode !== 'plan') throw new Error('a plan returned a sync result');
          return planPage({ installation: name, installations: chosen.names, asOf, target: describeConnector(syncDeps.connector), note, counts: result.plan });
        });
        sendHtml(res, 200, page);
      } finally {
        built.release();
      }
    } catch (error) {
      if (!isPulseError(error)) throw error;
      deps.logger.warn({ installation: name, code: error.code, problem: error.message }, 'console plan failed');
      sendMessage(res, 502, 'The plan could not be made', [`${error.code}: ${error.message}`, 'pulse plan --installation NAME says the same, with a hint.']);
    }
  };
}
