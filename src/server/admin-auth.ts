import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A token's digest: what a guess is compared with, so neither time nor length says how much of it was right. */
export const tokenDigest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Whether `given` is the token whose digest is `expected`, in constant time (the console's login uses it too). */
export function tokenMatches(expected: Buffer, given: string): boolean {
  return timingSafeEqual(tokenDigest(given), expected);
}

/**
 * `Authorization: Bearer PULSE_ADMIN_TOKEN`, compared in constant time: both sides are hashed first, so
 * neither the comparison's time nor a length check says how much of a guess was right.
 */
export function requireAdmin(adminToken: string | undefined) {
  const expected = adminToken === undefined ? undefined : tokenDigest(adminToken);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (expected === undefined) {
      res.status(503).json({ error: 'the admin API is off: set PULSE_ADMIN_TOKEN' });
      return;
    }
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (given === undefined || !tokenMatches(expected, given)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'admin token required' });
      return;
    }
    next();
  };
}
