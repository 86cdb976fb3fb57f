/**
 * The customer report's link: `/report/<token>`, where the token names one installation's account and
 * when the link expires, signed with a key derived from PULSE_ENCRYPTION_KEY. Anyone holding the link
 * reads that one report until it expires; an altered or expired token reads nothing. Pure.
 */
import { hkdfSync } from 'node:crypto';
import { readSignedClaims, signClaims } from '../signed-token';

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

export function reportToken(grant: ReportGrant, key: Buffer): string {
  return signClaims({ i: grant.installation, a: grant.accountId, e: grant.expiresAt }, key);
}

export function checkReportToken(token: string, key: Buffer, nowMs: number): ReportGrant | { problem: ReportTokenProblem } {
  const read = readSignedClaims(token, key);
  if ('problem' in read) return read;
  const { i, a, e } = read.claims;
  if (typeof i !== 'string' || typeof a !== 'string' || typeof e !== 'number') return { problem: 'malformed' };
  if (nowMs >= e) return { problem: 'expired' };
  return { installation: i, accountId: a, expiresAt: e };
}
