/**
 * The console under `/console`: server-rendered pages behind a session cookie. Only login and logout
 * accept a POST; every page is a GET, so SameSite=Strict is the whole CSRF defence needed.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { sendMessage, type ConsoleDeps } from './deps';
import { getAccount } from './get-account';
import { getAccounts } from './get-accounts';
import { getPlan } from './get-plan';
import { getPortfolio } from './get-portfolio';
import { getRun, getRuns } from './get-runs';
import { sessionRoutes } from './session-routes';

/** Inline styles and inline SVG only; nothing from another origin, no script at all. */
const CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function consoleRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  router.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('content-security-policy', CSP);
    next();
  });
  const session = sessionRoutes(deps);
  router.use(session.routes);
  router.use(session.requireSession);
  router.get('/', (req: Request, res: Response) => res.redirect(302, '/console/accounts'));
  router.get('/accounts', getAccounts(deps));
  router.get('/accounts/:account_id', getAccount(deps));
  router.get('/portfolio', getPortfolio(deps));
  router.get('/runs', getRuns(deps));
  router.get('/runs/plan', getPlan(deps));
  router.get('/runs/:id', getRun(deps));
  router.use((_req: Request, res: Response) => sendMessage(res, 404, 'Not found', ['There is no console page at this address.']));
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    if (status >= 500) deps.logger.error({ err: error, route: req.path }, 'console page failed');
    sendMessage(res, status, status === 413 ? 'Too large' : status < 500 ? 'Bad request' : 'Something went wrong', [status < 500 ? 'The request could not be read.' : 'The page failed; the error is in the log.']);
  });
  return router;
}
