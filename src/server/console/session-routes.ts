/**
 * `GET /console/login`, `POST /console/login`, `POST /console/logout`, and the check every other
 * console page passes: a signed, expiring session cookie (src/console/session.ts), never the token.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { loginPage } from '../../console/pages/login';
import { checkSession, issueSession, readCookie, SESSION_COOKIE, SESSION_MS, sessionKey } from '../../console/session';
import { tokenDigest, tokenMatches } from '../admin-auth';
import { sendHtml, sendMessage, type ConsoleDeps } from './deps';

const loginBody = z.object({ token: z.string().min(1).max(1024) }).strict();

function cookieOptions(deps: ConsoleDeps): express.CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/console', secure: (deps.config.publicUrl ?? '').startsWith('https:') };
}

export function sessionRoutes(deps: ConsoleDeps): { routes: Router; requireSession: (req: Request, res: Response, next: NextFunction) => void } {
  const token = deps.adminToken;
  const key = token === undefined ? null : sessionKey(token);
  const expected = token === undefined ? null : tokenDigest(token);
  const routes = Router();

  // Without a token there is nothing to log in with: every console page says so.
  routes.use((_req: Request, res: Response, next: NextFunction) => {
    if (key === null) return sendMessage(res, 503, 'The console is off', ['Set PULSE_ADMIN_TOKEN (at least 16 characters) in the environment of pulse serve, then restart it.']);
    next();
  });

  routes.get('/login', (_req: Request, res: Response) => sendHtml(res, 200, loginPage({})));
  routes.post('/login', express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 }), (req: Request, res: Response) => {
    const body = loginBody.safeParse(req.body);
    if (key === null || expected === null) return;
    if (!body.success || !tokenMatches(expected, body.data.token)) {
      deps.logger.warn({ ip: req.ip }, 'console login refused');
      return sendHtml(res, 401, loginPage({ problem: 'That is not the admin token.' }));
    }
    const session = issueSession(key, deps.now());
    res.cookie(SESSION_COOKIE, session.value, { ...cookieOptions(deps), maxAge: SESSION_MS });
    deps.logger.info({ ip: req.ip }, 'console login');
    res.set('cache-control', 'no-store').redirect(303, '/console/accounts');
  });
  routes.post('/logout', (_req: Request, res: Response) => {
    res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
    res.set('cache-control', 'no-store').redirect(303, '/console/login');
  });

  const requireSession = (req: Request, res: Response, next: NextFunction): void => {
    if (key === null) return;
    const checked = checkSession(key, readCookie(req.headers.cookie, SESSION_COOKIE), deps.now());
    if (!checked.ok) {
      if (checked.problem !== 'missing') deps.logger.info({ problem: checked.problem }, 'console session refused');
      res.set('cache-control', 'no-store').redirect(303, '/console/login');
      return;
    }
    next();
  };
  return { routes, requireSession };
}
