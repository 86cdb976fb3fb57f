import { z } from 'zod';
import { PulseError } from '../../../src/errors';
import type { HubspotLink } from './link';

const details = z.object({ portalId: z.number(), utcOffsetMilliseconds: z.number().optional(), timeZone: z.string().optional() });

export interface PortalInfo {
  /** The installation id: HubSpot's portal (hub) id. */
  portalId: string;
  utcOffsetMs: number;
}

const CALL = 'GET /account-info/v3/details';

function unknownPortal(why: string): PulseError {
  return new PulseError(
    'CRM_REQUEST_FAILED',
    `HubSpot ${CALL} ${why}: the portal id is needed to know which installation this is (its state and run history), so nothing was read or written; try again, or check the app's scopes`,
    { place: CALL },
  );
}

/**
 * Reads the portal id, which names the installation in run history and state, and the portal's UTC
 * offset. Retried like every call; if it still fails, or answers without a portal id, this throws: a
 * guessed id would be a new installation with empty state, and the next run would rewrite everything.
 * A refused token throws CRM_AUTH_FAILED, so bad credentials show before any write. The SDK has no typed
 * method for it, so it goes through `apiRequest`, read as text and zod-parsed.
 */
export async function readPortalInfo(link: HubspotLink): Promise<PortalInfo> {
  const answer = await link.callRaw(CALL, 'standard', async (apis) => {
    const response = await apis.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    return { status: response.status, headers, text: await response.text() };
  });
  if (!answer.ok) throw unknownPortal(`failed (${answer.message})`);
  let json: unknown;
  try {
    json = JSON.parse(answer.data);
  } catch (error) {
    if (error instanceof SyntaxError) throw unknownPortal('answered with something other than JSON');
    throw error;
  }
  const parsed = details.safeParse(json);
  if (!parsed.success) throw unknownPortal('answered without a portalId');
  return { portalId: String(parsed.data.portalId), utcOffsetMs: parsed.data.utcOffsetMilliseconds ?? 0 };
}
