/**
 * The `state` of an OAuth install and its PKCE pair. The state is signed (HMAC-SHA256 with a key
 * derived from PULSE_ENCRYPTION_KEY) and carries its CRM and expiry, so a forged or expired one is
 * refused before the store is asked; its nonce is stored with the verifier and taken once
 * (`takeOAuthState`), so a replayed one finds nothing. Pure: the caller hands in the clock and key.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long an admin has between clicking "connect" and coming back. */
export const STATE_TTL_MS = 10 * 60_000;

export interface IssuedState {
  /** What goes in the authorize URL's `state`. */
  state: string;
  nonce: string;
  /** The PKCE verifier: kept server-side, sent only with the code. */
  verifier: string;
  /** `code_challenge` (S256). */
  challenge: string;
  expiresAt: number;
}

export type StateProblem = 'malformed' | 'forged' | 'expired' | 'wrong CRM';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A key of its own: the encryption key never signs anything directly. */
export function stateSigningKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'consumption-pulse oauth state', 32));
}

function sign(payload: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier).digest());
}

export function issueState(crm: string, key: Buffer, nowMs: number): IssuedState {
  const nonce = base64url(randomBytes(24));
  const verifier = base64url(randomBytes(32));
  const expiresAt = nowMs + STATE_TTL_MS;
  const payload = base64url(Buffer.from(JSON.stringify({ n: nonce, c: crm, e: expiresAt })));
  return { state: `${payload}.${base64url(sign(payload, key))}`, nonce, verifier, challenge: pkceChallenge(verifier), expiresAt };
}

/** The nonce of a state this deployment issued for `crm` that has not expired, or what is wrong with it. */
export function checkState(state: string, crm: string, key: Buffer, nowMs: number): { nonce: string } | { problem: StateProblem } {
  const [payload, signature, extra] = state.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined || payload === '') return { problem: 'malformed' };
  const expected = sign(payload, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'forged' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    // Signed by us yet unreadable cannot happen unless the key leaked; still an answer, not a crash.
    if (error instanceof SyntaxError) return { problem: 'malformed' };
    throw error;
  }
  if (typeof claims !== 'object' || claims === null) return { problem: 'malformed' };
  const { n, c, e } = claims as Record<string, unknown>;
  if (typeof n !== 'string' || typeof c !== 'string' || typeof e !== 'number') return { problem: 'malformed' };
  if (c !== crm) return { problem: 'wrong CRM' };
  if (nowMs >= e) return { problem: 'expired' };
  return { nonce: n };
}
