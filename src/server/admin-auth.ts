import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * `Authorization: Bearer PULSE_ADMIN_TOKEN`, compared in constant time: both sides are hashed first, so
 * neither the comparison's time nor a length check says how much of a guess was right.
 */
export function requireAdmin(adminToken: string | undefined) {
  const expected = adminToken === undefined ? undefined : createHash('sha256').update(adminToken).digest();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (expected === undefined) {
      res.status(503).json({ error: 'the admin API is off: set PULSE_ADMIN_TOKEN' });
      return;
    }
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const digest = createHash('sha256').update(given ?? '').digest();
    if (given === undefined || !timingSafeEqual(digest, expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'admin token required' });
      return;
    }
    next();
  };
}
