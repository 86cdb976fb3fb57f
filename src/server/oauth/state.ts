/**
 * The `state` of an OAuth install and its PKCE pair. The state is signed (HMAC-SHA256 with a key
 * derived from PULSE_ENCRYPTION_KEY) and carries its CRM and expiry, so a forged or expired one is
 * refused before the store is asked; its nonce is stored with the verifier and taken once
 * (`takeOAuthState`), so a replayed one finds nothing. Pure: the caller hands in the clock and key.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { readSignedClaims, signClaims } from '../signed-token';

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

export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier).digest());
}

export function issueState(crm: string, key: Buffer, nowMs: number): IssuedState {
  const nonce = base64url(randomBytes(24));
  const verifier = base64url(randomBytes(32));
  const expiresAt = nowMs + STATE_TTL_MS;
  return { state: signClaims({ n: nonce, c: crm, e: expiresAt }, key), nonce, verifier, challenge: pkceChallenge(verifier), expiresAt };
}

/** The nonce of a state this deployment issued for `crm` that has not expired, or what is wrong with it. */
export function checkState(state: string, crm: string, key: Buffer, nowMs: number): { nonce: string } | { problem: StateProblem } {
  const read = readSignedClaims(state, key);
  if ('problem' in read) return read;
  const { n, c, e } = read.claims;
  if (typeof n !== 'string' || typeof c !== 'string' || typeof e !== 'number') return { problem: 'malformed' };
  if (c !== crm) return { problem: 'wrong CRM' };
  if (nowMs >= e) return { problem: 'expired' };
  return { nonce: n };
}
