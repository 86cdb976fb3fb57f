/**
 * The console's session cookie: an expiry and an HMAC of it, keyed by a key derived from
 * PULSE_ADMIN_TOKEN (HKDF), so the cookie never carries the token and changing the token ends every
 * session. Pure: the clock is handed in.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'pulse_console';
/** How long a login lasts. */
export const SESSION_MS = 12 * 60 * 60 * 1000;

export function sessionKey(adminToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', adminToken, 'pulse-console', 'console session v1', 32));
}

const mac = (key: Buffer, expiresAt: number): string => createHmac('sha256', key).update(`v1.${expiresAt}`).digest('base64url');

export function issueSession(key: Buffer, nowMs: number): { value: string; expiresAt: number } {
  const expiresAt = nowMs + SESSION_MS;
  return { value: `v1.${expiresAt}.${mac(key, expiresAt)}`, expiresAt };
}

export type SessionCheck = { ok: true } | { ok: false; problem: 'missing' | 'malformed' | 'forged' | 'expired' };

export function checkSession(key: Buffer, value: string | undefined, nowMs: number): SessionCheck {
  if (value === undefined || value === '') return { ok: false, problem: 'missing' };
  const m = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (m === null) return { ok: false, problem: 'malformed' };
  const expiresAt = Number(m[1]);
  const given = Buffer.from(m[2] ?? '', 'base64url');
  const expected = Buffer.from(mac(key, expiresAt), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'forged' };
  // A cookie claiming to outlive a whole session was not issued here, whatever its MAC says.
  if (expiresAt <= nowMs || expiresAt > nowMs + SESSION_MS) return { ok: false, problem: 'expired' };
  return { ok: true };
}

/** The one cookie named `name` from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
