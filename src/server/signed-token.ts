/**
 * `<base64url JSON claims>.<base64url HMAC-SHA256 of the first part>`: the shape of the OAuth install
 * state and of customer report links. Reading one checks the MAC (constant time) before parsing the
 * claims; each caller checks the claims' fields and expiry. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (payload: string, key: Buffer) => createHmac('sha256', key).update(payload).digest();

export function signClaims(claims: Record<string, unknown>, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(payload, key).toString('base64url')}`;
}

/** The claims of a token this key signed, or why not: 'malformed' (not two parts of JSON) or 'forged'. */
export function readSignedClaims(token: string, key: Buffer): { claims: Record<string, unknown> } | { problem: 'malformed' | 'forged' } {
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || payload === '' || signature === undefined || extra !== undefined) return { problem: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'forged' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    // Signed by us yet unreadable cannot happen unless the key leaked; still an answer, not a crash.
    if (error instanceof SyntaxError) return { problem: 'malformed' };
    throw error;
  }
  return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? { claims: claims as Record<string, unknown> } : { problem: 'malformed' };
}
