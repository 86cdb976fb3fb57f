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
import { addDays } from '../../domain/dates';
import type { StateStore } from '../../sync/state';
import { consoleUrl } from '../../sync/snapshot';
import { hubspotSignedRequest } from '../hubspot-request';
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



export function hubspotCardRoute(deps: HubspotCardDeps): Router {
  const router = Router();
  router.get('/hubspot', async (req: Request, res: Response) => {
    res.set('cache-control', 'no-store');
    const publicUrl = (deps.publicUrl ?? '').replace(/\/+$/, '');
    const verdict = verifyHubspotSignatureV3(hubspotSignedRequest(req, Buffer.alloc(0), publicUrl), publicUrl === '' ? '' : (deps.clientSecret ?? ''), deps.now());
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
      // One after another: the store may be a single session, which queues queries anyway.
      const readings = await deps.store.accountHistory(installation.id, accountId, addDays(snapshot.as_of, -(CARD_HISTORY_DAYS - 1)), snapshot.as_of);
      const written = await deps.store.accountFieldValues(installation.id, accountId);
      const lastSyncedAt = written.reduce<string | null>((latest, value) => (latest === null || value.written_at > latest ? value.written_at : latest), null);
      return void res.json(cardPayload({ snapshot, readings, lastSyncedAt, consoleUrl: consoleUrl(publicUrl, accountId) ?? '' }));
    }
    res.status(404).json({ error: 'not synced', detail: 'no installation of this portal has synced this company yet' });
  });
  return router;
}
