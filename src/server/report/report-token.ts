/**
 * The customer report's link: `/report/<token>`, where the token names one installation's account and
 * when the link expires, signed with a key derived from PULSE_ENCRYPTION_KEY. Anyone holding the link
 * reads that one report until it expires; an altered or expired token reads nothing. Pure.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface ReportGrant {
  installation: string;
  accountId: string;
  /** Epoch ms. */
  expiresAt: number;
}

export type ReportTokenProblem = 'malformed' | 'forged' | 'expired';

/** A key of its own, so a report link can never pass for an OAuth state or a session. */
export function reportSigningKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'consumption-pulse report link', 32));
}

const sign = (payload: string, key: Buffer) => createHmac('sha256', key).update(payload).digest();

export function reportToken(grant: ReportGrant, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ i: grant.installation, a: grant.accountId, e: grant.expiresAt })).toString('base64url');
  return `${payload}.${sign(payload, key).toString('base64url')}`;
}

export function checkReportToken(token: string, key: Buffer, nowMs: number): ReportGrant | { problem: ReportTokenProblem } {
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || payload === '' || signature === undefined || extra !== undefined) return { problem: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'forged' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return { problem: 'malformed' };
    throw error;
  }
  const { i, a, e } = (typeof claims === 'object' && claims !== null ? claims : {}) as Record<string, unknown>;
  if (typeof i !== 'string' || typeof a !== 'string' || typeof e !== 'number') return { problem: 'malformed' };
  if (nowMs >= e) return { problem: 'expired' };
  return { installation: i, accountId: a, expiresAt: e };
}
