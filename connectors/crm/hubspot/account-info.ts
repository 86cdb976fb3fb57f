import { z } from 'zod';
import type { HubspotApis } from './apis';
import type { HubspotCaller } from './caller';

const details = z.object({ portalId: z.number(), utcOffsetMilliseconds: z.number().optional(), timeZone: z.string().optional() });

export interface PortalInfo {
  /** The installation id: HubSpot's portal (hub) id. */
  portalId: string;
  utcOffsetMs: number;
}

/**
 * Reads the portal id (`GET /account-info/v3/details`), which names the installation in run history and
 * state. The SDK has no typed method for it, so it goes through `apiRequest`, read as text and zod-parsed.
 * Returns undefined when HubSpot answers without one (the app lacks the scope): the caller falls back.
 * A refused token still throws (CRM_AUTH_FAILED), so bad credentials show before any write.
 */
export async function readPortalInfo(caller: HubspotCaller, apis: () => HubspotApis): Promise<PortalInfo | undefined> {
  const answer = await caller.callRaw('GET account-info details', 'standard', async () => {
    const response = await apis().client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    return { status: response.status, headers, text: await response.text() };
  });
  if (!answer.ok) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(answer.data);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = details.safeParse(json);
  return parsed.success ? { portalId: String(parsed.data.portalId), utcOffsetMs: parsed.data.utcOffsetMilliseconds ?? 0 } : undefined;
}
