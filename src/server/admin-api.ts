/**
 * The admin API, every route behind the admin token: installations (never a secret), queueing a run,
 * and the run history of one installation. Strict schemas on every parameter and body.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { enqueueRun } from '../../jobs/queue';
import { resolveAsOf } from '../commands/common';
import { installationRows } from '../commands/installations-list';
import type { StateStore } from '../sync/state';
import { requireAdmin } from './admin-auth';

const installationName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an installation name');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const syncBody = z.strictObject({ as_of: day.optional() });
const runsQuery = z.strictObject({ installation: installationName, limit: z.coerce.number().int().min(1).max(500).default(50) });

function invalid(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: 'invalid request', problems: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`) });
}

export function adminApi(deps: { store: StateStore; queue: Queue | null; adminToken: string | undefined }): Router {
  const { store, queue } = deps;
  const api = Router();
  api.use(requireAdmin(deps.adminToken));
  api.use(express.json({ limit: '16kb', strict: true }));

  api.get('/installations', async (_req: Request, res: Response) => {
    const rows = await installationRows(store, new Date());
    res.json(
      rows.map(({ installation: i, lastRun }) => ({
        name: i.name,
        crm: i.crm,
        crm_account_id: i.crmAccountId,
        status: i.status,
        status_reason: i.statusReason,
        schedule: i.schedule,
        last_run: lastRun === null ? null : { id: lastRun.id, status: lastRun.status, as_of: lastRun.as_of, finished_at: lastRun.finished_at },
      })),
    );
  });

  api.post('/installations/:name/sync', async (req: Request, res: Response) => {
    const name = installationName.safeParse(req.params.name);
    if (!name.success) return invalid(res, name.error);
    const body = syncBody.safeParse(req.body ?? {});
    if (!body.success) return invalid(res, body.error);
    if ((await store.findInstallationByName(name.data)) === null) return void res.status(404).json({ error: `no installation named "${name.data}"` });
    if (queue === null) return void res.status(503).json({ error: 'no worker queue: set REDIS_URL and run pulse worker' });
    const asOf = body.data.as_of ?? resolveAsOf(undefined);
    const { id, added } = await enqueueRun(queue, { installation: name.data, asOf });
    res.status(202).json({ job_id: id, as_of: asOf, queued: added });
  });

  api.get('/runs', async (req: Request, res: Response) => {
    const query = runsQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    const installation = await store.findInstallationByName(query.data.installation);
    if (installation === null) return void res.status(404).json({ error: `no installation named "${query.data.installation}"` });
    res.json(await store.listRuns(query.data.limit, { installationId: installation.id }));
  });
  return api;
}
