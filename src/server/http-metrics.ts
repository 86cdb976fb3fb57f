import type { NextFunction, Request, Response } from 'express';
import { Counter, type Registry } from 'prom-client';

/**
 * HTTP requests by route and status. The route is the matched pattern (`/api/installations/:name/sync`),
 * never the raw path, so names and ids do not become labels.
 */
export function countRequests(registry: Registry) {
  const requests = new Counter({ name: 'pulse_http_requests_total', help: 'HTTP requests, by route and status', labelNames: ['route', 'status'] as const, registers: [registry] });
  return (req: Request, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      const route = typeof req.route?.path === 'string' ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      requests.inc({ route, status: String(res.statusCode) });
    });
    next();
  };
}
