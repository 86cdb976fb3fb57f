import express, { type NextFunction, type Request, type Response } from 'express';
import { applyDrop, listenLocal } from '../fake-server';
import { FaultInjector, type FaultKind } from './faults';
import { FakeLimits, type FakeLimitOptions } from './limits';
import { hubspotError, reply } from './respond';
import { getAccountInfo } from './routes/account-info';
import { postBatchRead } from './routes/batch-read';
import { postBatchUpdate } from './routes/batch-update';
import { postBatchUpsert } from './routes/batch-upsert';
import type { RouteContext } from './routes/context';
import { getGroups, getProperties, patchGroup, patchProperty, postGroup, postProperty } from './routes/properties';
import { postSearch } from './routes/search';
import { postTasksCreate } from './routes/tasks-create';
import { FakeDefinitions } from './definitions';
import { FakeStore } from './store';

export interface FakeHubspotOptions {
  /** The bearer token requests must carry. @defaultValue 'fake-hubspot-token' */
  token?: string;
  limits?: FakeLimitOptions;
  /** @defaultValue 424242 */
  portalId?: number;
  /** Seeded randomness for probabilistic faults. @defaultValue Math.random */
  random?: () => number;
  /**
   * Whether the portal already holds the Pulse property groups and properties (as `pulse crm setup`
   * leaves them); false: a fresh portal with only HubSpot's own, on which Pulse values are refused.
   * @defaultValue true
   */
  pulseProperties?: boolean;
  /** The port to listen on (127.0.0.1). @defaultValue 0: a free port */
  port?: number;
}

export interface FakeHubspotStats {
  /** Requests answered or dropped, faults included. */
  requests: number;
  /** 429s from the fake's own limits (not injected). */
  rateLimited: number;
  /** Requests refused for a missing or wrong bearer token (not injected). */
  unauthorized: number;
  /** Standard (non-search) requests admitted by the limit, with the first and last arrival times. */
  admitted: number;
  firstAt?: number;
  lastAt?: number;
  /** When each admitted standard request arrived (ms), for the peak in any window. */
  admittedAt: number[];
  byRoute: Map<string, number>;
}

export interface FakeHubspot {
  baseUrl: string;
  token: string;
  store: FakeStore;
  faults: FaultInjector;
  limits: FakeLimits;
  stats: FakeHubspotStats;
  /** Accepts another bearer token too (an OAuth installation's refreshed access token). */
  acceptToken(token: string): void;
  close(): Promise<void>;
}

function routeName(req: Request): string {
  return `${req.method} ${req.path.replace(/\/\d+/g, '/:id')}`;
}

/**
 * A local HubSpot for tests and benchmarks: the endpoints the connector and `pulse crm setup` use, HubSpot's
 * request and error shapes, its property definitions (values are checked against them), its limits (429 bodies and `X-HubSpot-RateLimit-*` headers), and fault injection. Starts on a
 * free port; `baseUrl` is what `HUBSPOT_BASE_URL` would be.
 */
export async function startFakeHubspot(options: FakeHubspotOptions = {}): Promise<FakeHubspot> {
  const token = options.token ?? 'fake-hubspot-token';
  const accepted = new Set([`Bearer ${token}`]);
  const store = new FakeStore(new FakeDefinitions(options.pulseProperties ?? true));
  const faults = new FaultInjector(options.random ?? Math.random);
  const limits = new FakeLimits(options.limits ?? {}, Date.now);
  const stats: FakeHubspotStats = { requests: 0, rateLimited: 0, unauthorized: 0, admitted: 0, admittedAt: [], byRoute: new Map() };
  const context: RouteContext = { store, portalId: options.portalId ?? 424242 };

  const app = express();
  app.use(express.json({ limit: '20mb' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    stats.requests += 1;
    stats.byRoute.set(routeName(req), (stats.byRoute.get(routeName(req)) ?? 0) + 1);
    if (!accepted.has(req.headers.authorization ?? '')) {
      stats.unauthorized += 1;
      return reply(res, 401, hubspotError('INVALID_AUTHENTICATION', 'Authentication credentials not found.'));
    }
    next();
  });
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    for (const fault of faults.take(req.method, req.path)) {
      if (applyFault(fault, res, limits) === 'answered') return;
      if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    }
    next();
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const verdict = req.path.endsWith('/search') ? limits.admitSearch() : limits.admit();
    res.set(verdict.headers);
    if (!verdict.ok) {
      stats.rateLimited += 1;
      return reply(res, 429, { status: 'error', message: verdict.message, errorType: 'RATE_LIMIT', correlationId: 'fake', policyName: verdict.policyName, groupName: 'fake' });
    }
    if (!req.path.endsWith('/search')) {
      const at = Date.now();
      stats.admitted += 1;
      stats.firstAt ??= at;
      stats.lastAt = at;
      stats.admittedAt.push(at);
    }
    next();
  });
  app.get('/account-info/v3/details', getAccountInfo(context));
  app.post('/crm/v3/objects/:objectType/batch/read', postBatchRead(context));
  app.post('/crm/v3/objects/:objectType/batch/update', postBatchUpdate(context));
  app.post('/crm/v3/objects/:objectType/batch/upsert', postBatchUpsert(context));
  app.post('/crm/v3/objects/tasks/batch/create', postTasksCreate(context));
  app.post('/crm/v3/objects/:objectType/search', postSearch(context));
  app.get('/crm/v3/properties/:objectType/groups', getGroups(context));
  app.post('/crm/v3/properties/:objectType/groups', postGroup(context));
  app.patch('/crm/v3/properties/:objectType/groups/:groupName', patchGroup(context));
  app.get('/crm/v3/properties/:objectType', getProperties(context));
  app.post('/crm/v3/properties/:objectType', postProperty(context));
  app.patch('/crm/v3/properties/:objectType/:propertyName', patchProperty(context));
  app.use((req: Request, res: Response) => reply(res, 404, hubspotError('NOT_FOUND', `No route for ${req.method} ${req.path}`)));

  const { baseUrl, close } = await listenLocal(app, options.port);
  return { baseUrl, token, store, faults, limits, stats, acceptToken: (extra: string) => void accepted.add(`Bearer ${extra}`), close };
}

function applyFault(fault: FaultKind, res: Response, limits: FakeLimits): 'answered' | 'continue' {
  switch (fault.kind) {
    case 'status':
      reply(res, fault.status, hubspotError('INTERNAL_ERROR', `Injected HTTP ${fault.status}`));
      return 'answered';
    case 'rate-limit':
      // Like HubSpot's, with the rate-limit headers: a rolling-window 429 reports the window as full.
      res.set(limits.refusalHeaders(fault.policyName));
      reply(res, 429, { status: 'error', message: 'Injected rate limit', errorType: 'RATE_LIMIT', correlationId: 'fake', policyName: fault.policyName });
      return 'answered';
    case 'drop':
      return applyDrop(fault, res);
    case 'slow':
      return 'continue';
  }
}
