/** `GET /console/runs` and `GET /console/runs/:id`: the installation's recent runs, and one with its rejections grouped by reason. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { runPage, runsPage } from '../../console/pages/runs';
import { groupRejections } from '../../sync/rejection-groups';
import { badRequest, chooseInstallation, installationOnly, sendHtml, sendMessage, type ConsoleDeps } from './deps';

const RECENT = 50;
const runId = z.coerce.number().int().min(1).max(2 ** 31 - 1);

export function getRuns(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = installationOnly.safeParse(req.query);
    if (!query.success) return badRequest(res, ['Only ?installation=NAME is understood here.']);
    const chosen = await chooseInstallation(deps, res, query.data.installation);
    if (chosen === null) return;
    const runs = await deps.store.listRuns(RECENT, { installationId: chosen.installation.id });
    sendHtml(res, 200, runsPage({ installation: chosen.installation.name, installations: chosen.names, runs }));
  };
}

export function getRun(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = installationOnly.safeParse(req.query);
    const id = runId.safeParse(req.params.id);
    if (!query.success || !id.success) return badRequest(res, ['A run is named by its number: /console/runs/3.']);
    const chosen = await chooseInstallation(deps, res, query.data.installation);
    if (chosen === null) return;
    const run = await deps.store.getRun(id.data);
    // A named installation's runs carry its name as tenant: another installation's run is not found here.
    if (run === null || run.tenant !== chosen.installation.name) return sendMessage(res, 404, 'No such run', [`Installation ${chosen.installation.name} has no run #${id.data}.`]);
    const groups = groupRejections(await deps.store.runRejections(run.id));
    sendHtml(res, 200, runPage({ installation: chosen.installation.name, installations: chosen.names, run, groups }));
  };
}
