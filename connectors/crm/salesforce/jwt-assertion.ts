import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { PulseError } from '../../../src/errors';

/** How long an assertion is valid: Salesforce takes an `exp` at most a few minutes ahead. */
export const ASSERTION_LIFETIME_SECONDS = 180;

export interface AssertionClaims {
  /** The connected app's consumer key. */
  clientId: string;
  /** The Salesforce username the integration acts as. */
  username: string;
  /** The login URL (`https://login.salesforce.com`, `https://test.salesforce.com` or an Experience Cloud site). */
  audience: string;
}

/**
 * Reads the PEM text of the connected app's RSA private key once, when the link opens, so a bad key fails
 * before any call rather than at the first expired session. The error names neither the key nor the PEM
 * text, and carries no `cause` (node's decoder errors are about the bytes it was given).
 */
export function readRsaPrivateKey(pem: string, place: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? ` (${(error as { code: string }).code})` : '';
    throw new PulseError('CONFIG_INVALID', `the Salesforce JWT private key cannot be read as a PEM private key${code}`, {
      place,
      hint: 'SALESFORCE_PRIVATE_KEY_PATH must name the PEM file of the key whose certificate the connected app holds',
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new PulseError('CONFIG_INVALID', `the Salesforce JWT private key is ${key.asymmetricKeyType ?? 'not an asymmetric key'}, not RSA: the JWT bearer flow signs with RS256`, { place });
  }
  return key;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * A compact JWT for the OAuth 2.0 JWT bearer grant, signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256, node's
 * default padding for an RSA key): header `{alg: RS256}`, claims iss, sub, aud and exp = now + 3 minutes.
 * Signed anew for every grant, so an expired session never replays a stale assertion.
 */
export function signJwtAssertion(claims: AssertionClaims, privateKey: KeyObject, nowMs: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ iss: claims.clientId, sub: claims.username, aud: claims.audience, exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_SECONDS }),
  );
  const signingInput = `${header}.${payload}`;
  return `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), privateKey))}`;
}
