import express, { type NextFunction, type Request, type Response } from 'express';
import { applyDrop, listenLocal } from '../fake-server';
import { FakeFields, type FakeSObjectType } from './fields';
import { FaultInjector, type FaultKind } from './faults';
import { FakeApiUsage } from './limits';
import { reply, sfErrors } from './respond';
import { postCollections } from './routes/collections-create';
import { patchCollections } from './routes/collections-update';
import { patchCollectionsUpsert } from './routes/collections-upsert';
import { bulkIngestRoutes } from './routes/bulk-ingest';
import { describeRoutes } from './routes/describe';
import type { RouteContext } from './routes/context';
import { ORG_ID, postOauthToken, USER_ID } from './routes/oauth-token';
import { getQuery } from './routes/query';
import { FakeSessions, type SessionOptions } from './sessions';
import { FakeOrg } from './store';

export interface FakeSalesforceOptions extends SessionOptions {
  /** The org's daily API allocation, reported in `Sforce-Limit-Info`. @defaultValue 100000 */
  dailyLimit?: number;
  /** API calls already spent today when the fake starts. @defaultValue 0 */
  apiUsage?: number;
  /** When set, the token endpoint refuses other `client_id`s (`invalid_client_id`). @defaultValue any client id */
  clientId?: string;
  /**
   * Whether the org already holds the Pulse custom fields (as a deployed DX project leaves them); false: a fresh
   * org on which writing a Pulse field is `INVALID_FIELD`. @defaultValue true
   */
  pulseFields?: boolean;
  /** More fields to define, by sObject. @defaultValue none */
  extraFields?: Partial<Record<FakeSObjectType, readonly string[]>>;
  /** Seeded randomness for probabilistic faults. @defaultValue Math.random */
  random?: () => number;
  /** The port to listen on (127.0.0.1). @defaultValue 0: a free port */
  port?: number;
}

export interface FakeSalesforceStats {
  /** Requests answered or dropped, faults and token requests included. */
  requests: number;
  /** Data calls answered 401 `INVALID_SESSION_ID`. */
  sessionsExpired: number;
  /** Data calls refused with `REQUEST_LIMIT_EXCEEDED` by the daily allocation (not injected). */
  limited: number;
  /** By `METHOD /path`, the path after `/services/data/vNN.0` (`GET /query`, `PATCH /composite/sobjects`…). */
  byRoute: Map<string, number>;
}

export interface FakeSalesforce {
  /** The instance URL, and the login URL for the token endpoint. */
  baseUrl: string;
  /** The access token valid from the start. */
  accessToken: string;
  refreshToken: string;
  org: FakeOrg;
  sessions: FakeSessions;
  faults: FaultInjector;
  usage: FakeApiUsage;
  stats: FakeSalesforceStats;
  close(): Promise<void>;
}

const DATA = /^\/services\/data\/v\d+\.0(?=\/|$)/;

function routeName(req: Request): string {
  return `${req.method} ${req.path.replace(DATA, '')}`;
}

/**
 * A local Salesforce for tests and benchmarks: the REST endpoints the connector calls through jsforce (SOQL lookups,
 * sObject Collections update, upsert by external id, create and event publish) and the OAuth token endpoint, with
 * Salesforce's answer and error shapes, sessions that expire, the daily API allocation (`Sforce-Limit-Info`), and
 * fault injection. Starts on a free port; `baseUrl` is both `SALESFORCE_INSTANCE_URL` and `SALESFORCE_LOGIN_URL`.
 */
export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const accessToken = options.accessToken ?? 'fake-salesforce-token';
  const sessions = new FakeSessions({ ...options, accessToken });
  const org = new FakeOrg(new FakeFields(options.pulseFields ?? true, options.extraFields));
  const faults = new FaultInjector(options.random ?? Math.random);
  const usage = new FakeApiUsage(options.dailyLimit, options.apiUsage);
  const stats: FakeSalesforceStats = { requests: 0, sessionsExpired: 0, limited: 0, byRoute: new Map() };
  const context: RouteContext = { org };
  let baseUrl = '';

  const app = express();
  app.use((req: Request, res: Response, next: NextFunction) => {
    stats.requests += 1;
    stats.byRoute.set(routeName(req), (stats.byRoute.get(routeName(req)) ?? 0) + 1);
    res.set(usage.header());
    next();
  });
  app.post('/services/oauth2/token', express.urlencoded({ extended: false }), postOauthToken(sessions, () => baseUrl, options.clientId));

  const data = express.Router({ mergeParams: true });
  data.use((req: Request, res: Response, next: NextFunction) => {
    const bearer = /^(?:Bearer|OAuth) (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!sessions.admit(bearer)) {
      stats.sessionsExpired += 1;
      return reply(res, 401, sfErrors('INVALID_SESSION_ID', 'Session expired or invalid'));
    }
    if (!usage.admit()) {
      stats.limited += 1;
      return reply(res, 403, sfErrors('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
    }
    res.set(usage.header());
    next();
  });
  data.use(async (req: Request, res: Response, next: NextFunction) => {
    for (const fault of faults.take(req.method, req.path)) {
      if (applyFault(fault, res, usage) === 'answered') return;
      if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    }
    next();
  });
  // Bulk ingest takes CSV bodies: its routes parse their own, before the JSON parser.
  data.use(bulkIngestRoutes(context));
  data.use(express.json({ limit: '20mb' }));
  data.use(describeRoutes(context));
  data.get('/query', getQuery(context));
  data.patch('/composite/sobjects', patchCollections(context));
  data.post('/composite/sobjects', postCollections(context));
  data.patch('/composite/sobjects/:sobject/:externalIdField', patchCollectionsUpsert(context));
  // The identity of the session's user and org (the org id names the installation); checked like a data call.
  app.get('/services/oauth2/userinfo', data, (_req: Request, res: Response) => {
    res.json({ organization_id: ORG_ID, user_id: USER_ID, preferred_username: 'integration@fake.example' });
  });
  app.use('/services/data/:version', (req: Request, res: Response, next: NextFunction) => {
    if (/^v\d+\.0$/.test(String(req.params.version))) return next();
    reply(res, 404, sfErrors('NOT_FOUND', 'The requested resource does not exist'));
  }, data);
  app.use((req: Request, res: Response) => reply(res, 404, sfErrors('NOT_FOUND', `The requested resource does not exist: ${req.method} ${req.path}`)));
  // A body that is not JSON, as Salesforce answers it (express would otherwise answer in HTML).
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    reply(res, 400, sfErrors('JSON_PARSER_ERROR', error instanceof Error ? error.message : String(error)));
  });

  const listening = await listenLocal(app, options.port);
  baseUrl = listening.baseUrl;
  return { baseUrl, accessToken, refreshToken: sessions.refreshToken, org, sessions, faults, usage, stats, close: listening.close };
}

function applyFault(fault: FaultKind, res: Response, usage: FakeApiUsage): 'answered' | 'continue' {
  switch (fault.kind) {
    case 'status':
      reply(res, fault.status, sfErrors(fault.status === 503 ? 'SERVER_UNAVAILABLE' : 'UNKNOWN_EXCEPTION', `Injected HTTP ${fault.status}`));
      return 'answered';
    case 'limit':
      // The allocation reported as spent, as on a real org that refuses for this reason.
      res.set('Sforce-Limit-Info', `api-usage=${usage.dailyLimit}/${usage.dailyLimit}`);
      reply(res, 403, sfErrors('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
      return 'answered';
    case 'drop':
      return applyDrop(fault, res);
    case 'lock':
      res.locals.lock = fault.positions ?? [0];
      return 'continue';
    case 'slow':
      return 'continue';
  }
}
