/**
 * `POST /webhooks/hubspot`: the body is read as raw bytes and the X-HubSpot-Signature-v3 checked over
 * them before anything parses it (a re-serialized body would not be what HubSpot signed). Unsigned,
 * forged, stale or replayed deliveries get 401 and change nothing.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { StateStore } from '../../sync/state';
import { hubspotSignedRequest } from '../hubspot-request';
import { verifyHubspotSignatureV3 } from '../hubspot-signature';
import { applyHubspotEvent, hubspotDelivery } from './hubspot-events';
import type { ReplayGuard } from './replay-guard';

export interface WebhookDeps {
  store: StateStore;
  logger: Logger;
  /** HUBSPOT_CLIENT_SECRET: the key of the signatures; unset, every delivery is refused. */
  clientSecret: string | undefined;
  /** PULSE_PUBLIC_URL: the signed URI is the one HubSpot called, not the one this process sees behind a proxy. */
  publicUrl: string | undefined;
  replays: ReplayGuard;
  now: () => number;
}


export function hubspotWebhookRoute(deps: WebhookDeps): Router {
  const router = Router();
  // HubSpot batches up to 100 events a delivery; 1 MB is far above that and far below harm.
  router.post('/hubspot', express.raw({ type: () => true, limit: '1mb' }), async (req: Request, res: Response) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signed = hubspotSignedRequest(req, rawBody, deps.publicUrl);
    const { signature } = signed;
    const verdict = verifyHubspotSignatureV3(signed, deps.clientSecret ?? '', deps.now());
    const refusal = !verdict.ok ? verdict.reason : signature !== undefined && (await deps.replays.seen(signature)) ? 'replayed' : null;
    if (refusal !== null) {
      deps.logger.warn({ refusal }, 'webhook refused');
      return void res.status(401).json({ error: 'invalid signature', reason: refusal });
    }
    let events;
    try {
      events = hubspotDelivery.safeParse(JSON.parse(rawBody.toString('utf8')));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return void res.status(400).json({ error: 'the body is not JSON' });
    }
    if (!events.success) return void res.status(400).json({ error: 'not a HubSpot webhook delivery', problems: events.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
    for (const event of events.data) deps.logger.info(await applyHubspotEvent(deps.store, event), 'webhook event');
    if (signature !== undefined) await deps.replays.remember(signature);
    res.status(204).end();
  });
  return router;
}
