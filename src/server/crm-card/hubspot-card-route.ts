/**
 * `GET /api/crm-card/hubspot?companyId=…`: what the HubSpot card (src/hubspot-card/) shows of the
 * account a company record holds. The card calls it with `hubspot.fetch`, which HubSpot signs (v3, the
 * app's client secret) and to which it adds `portalId`, `userId`, `userEmail` and `appId`. The
 * signature is checked as the webhook route checks it; the portal comes from the signed query, and only
 * that portal's installations are looked in, so a card never shows another installation's account.
 * No admin token: the signature is the authentication.
 */
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { StateStore } from '../../sync/state';
import { consoleUrl } from '../../sync/snapshot';
import { verifyHubspotSignatureV3 } from '../hubspot-signature';
import { CARD_HISTORY_DAYS, cardPayload } from './card-payload';

export interface HubspotCardDeps {
  store: StateStore;
  logger: Logger;
  /** HUBSPOT_CLIENT_SECRET; unset, every request is refused. */
  clientSecret: string | undefined;
  /** PULSE_PUBLIC_URL: the signed URI is the one HubSpot called; unset, every request is refused. */
  publicUrl: string | undefined;
  now: () => number;
}

const HUBSPOT_ID = z.string().regex(/^\d{1,20}$/);
const query = z
  .object({
    companyId: HUBSPOT_ID,
    portalId: HUBSPOT_ID,
    // Added by hubspot.fetch; accepted, not used.
    userId: HUBSPOT_ID.optional(),
    userEmail: z.string().max(320).optional(),
    appId: HUBSPOT_ID.optional(),
  })
  .strict();

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export function hubspotCardRoute(deps: HubspotCardDeps): Router {
  const router = Router();
  router.get('/hubspot', async (req: Request, res: Response) => {
    res.set('cache-control', 'no-store');
    const publicUrl = (deps.publicUrl ?? '').replace(/\/+$/, '');
    const verdict = verifyHubspotSignatureV3(
      { method: req.method, uri: `${publicUrl}${req.originalUrl}`, rawBody: Buffer.alloc(0), signature: header(req, 'x-hubspot-signature-v3'), timestamp: header(req, 'x-hubspot-request-timestamp') },
      publicUrl === '' ? '' : (deps.clientSecret ?? ''),
      deps.now(),
    );
    if (!verdict.ok) {
      deps.logger.warn({ refusal: verdict.reason }, 'crm card request refused');
      return void res.status(401).json({ error: 'invalid signature', reason: verdict.reason });
    }
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return void res.status(400).json({ error: 'invalid query', problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`) });
    const { portalId, companyId } = parsed.data;

    const installations = (await deps.store.listInstallations()).filter((i) => i.crm === 'hubspot' && i.crmAccountId === portalId).sort((a, b) => a.id - b.id);
    for (const installation of installations) {
      const accountId = await deps.store.accountByRecordId(installation.id, companyId);
      if (accountId === null) continue;
      const snapshot = await deps.store.latestSnapshot(installation.id, accountId);
      if (snapshot === null) continue;
      const [readings, written] = await Promise.all([
        deps.store.accountHistory(installation.id, accountId, daysBefore(snapshot.as_of, CARD_HISTORY_DAYS - 1), snapshot.as_of),
        deps.store.accountFieldValues(installation.id, accountId),
      ]);
      const lastSyncedAt = written.reduce<string | null>((latest, value) => (latest === null || value.written_at > latest ? value.written_at : latest), null);
      return void res.json(cardPayload({ snapshot, readings, lastSyncedAt, consoleUrl: consoleUrl(publicUrl, accountId) ?? '' }));
    }
    res.status(404).json({ error: 'not synced', detail: 'no installation of this portal has synced this company yet' });
  });
  return router;
}
