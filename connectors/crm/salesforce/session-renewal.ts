import { isPulseError, PulseError } from '../../../src/errors';
import type { CallResult } from '../kit/caller';
import type { SalesforceTokenKeeper } from './auth';

/** What one run of the kit's caller sent with and was last refused with, noted by the link's `send`. */
export interface SessionNote {
  /** The access token the last attempt went out with. */
  token?: string;
  /** The last attempt's refusal, if it was one. */
  refusal?: { status: number; code?: string };
}

/**
 * Replays after a superseded token are bounded: a session that other calls keep renewing under this one
 * would otherwise replay it forever.
 */
const MAX_REPLAYS = 3;

export const RENEWAL_HINT =
  'the session expired; set SALESFORCE_REFRESH_TOKEN and SALESFORCE_CLIENT_ID (refresh token flow), or SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY_PATH and SALESFORCE_CLIENT_ID (JWT bearer flow), and the connector renews it';

/** An expired or revoked session, as Salesforce says it: 401, or INVALID_SESSION_ID on any status. */
function sessionExpired(refusal: SessionNote['refusal']): boolean {
  return refusal !== undefined && (refusal.status === 401 || refusal.code === 'INVALID_SESSION_ID');
}

function describeRefusal(refusal: SessionNote['refusal']): string {
  return refusal === undefined ? 'no answer' : `HTTP ${refusal.status}${refusal.code === undefined ? '' : `, ${refusal.code}`}`;
}

/**
 * Runs a call through the kit's caller (`run`), renewing an expired session and replaying: the replay is a
 * second run of the caller, so it is counted in `caller.calls` like any call. A call replays without a
 * renewal when its token was already replaced; it asks for (or joins) at most one renewal, and a renewed
 * token refused again is CRM_AUTH_FAILED. Without a refresh token or JWT flow, the caller's CRM_AUTH_FAILED
 * gets a hint saying how to let the connector renew the session.
 */
export async function callRenewingSession<T>(tokens: SalesforceTokenKeeper, name: string, run: (note: SessionNote) => Promise<CallResult<T>>): Promise<CallResult<T>> {
  await tokens.ensureToken();
  let renewed = false;
  for (let replays = 0; ; replays += 1) {
    const note: SessionNote = {};
    try {
      return await run(note);
    } catch (error) {
      if (!isPulseError(error) || error.code !== 'CRM_AUTH_FAILED' || !sessionExpired(note.refusal)) throw error;
      if (!tokens.canRenew) throw new PulseError('CRM_AUTH_FAILED', error.message, { place: name, hint: RENEWAL_HINT, cause: error });
      const superseded = note.token !== tokens.accessToken;
      if (!superseded && renewed) {
        throw new PulseError('CRM_AUTH_FAILED', `Salesforce refused ${name} (${describeRefusal(note.refusal)}) with the session just renewed for it`, {
          place: name,
          cause: error,
          hint: "the integration user may lack API access, or the connected app's policies may block the session; check them in Salesforce Setup",
        });
      }
      if (replays >= MAX_REPLAYS) {
        throw new PulseError('CRM_AUTH_FAILED', `Salesforce refused ${name} (${describeRefusal(note.refusal)}) after ${replays} replays with renewed sessions`, { place: name, cause: error });
      }
      if (!superseded) renewed = true;
      await tokens.renew(note.token);
    }
  }
}
