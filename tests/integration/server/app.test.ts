/**
 * The web process's app through supertest, on a real PostgreSQL state store and a real Redis: ops
 * endpoints (readiness with each dependency down), security headers, the admin API behind its token,
 * and a log that never holds the token.
 */
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import request from 'supertest';
import { openSyncQueue, runJobId } from '../../../jobs/queue';
import { loadConfig } from '../../../src/commands/config';
import { createApp, type AppDeps } from '../../../src/server/app';
import { createLogger } from '../../../src/server/logger';
import { openStateStore, type StateStore } from '../../../src/sync/state';
import { startRedis, type RunningRedis } from '../../support/redis';
import { testDatabaseUrl } from '../../support/test-database';

const ADMIN = 'admin-token-for-tests-0123456789';
/** Stands for sealed credentials: the API must never answer with them. */
const SEALED = 'sealed-credentials-never-shown';
let redis: RunningRedis;
let connection: Redis;
let queue: Queue;
let store: StateStore;
const lines: string[] = [];

function deps(overrides: Partial<AppDeps> = {}): AppDeps {
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  return { store, queue, redis: connection, adminToken: ADMIN, logger: createLogger('info', sink), registry: new Registry(), config: loadConfig({}), env: {}, ...overrides };
}

beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  queue = openSyncQueue(connection);
  store = await openStateStore({ databaseUrl: await testDatabaseUrl('server_app'), dir: '/nonexistent' });
  await store.addInstallation({ name: 'acme', crm: 'hubspot', crmAccountId: '424242', credentials: SEALED, warehouseUrl: null, configFile: null, schedule: '5 * * * *' });
});
afterAll(async () => {
  await queue?.close();
  await connection?.quit();
  await store?.close();
  await redis?.stop();
});

describe('pulse serve: ops endpoints', () => {
  it('answers /healthz, and /readyz when the store and Redis answer, with security headers', async () => {
    const app = createApp(deps());
    const health = await request(app).get('/healthz').expect(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers['x-powered-by']).toBeUndefined();
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['strict-transport-security']).toMatch(/max-age=/);
    expect((await request(app).get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('/readyz is 503 naming what is down: the state store, or Redis', async () => {
    const brokenStore = { ...store, listRuns: () => Promise.reject(new Error('connection refused')) } as StateStore;
    const storeDown = await request(createApp(deps({ store: brokenStore }))).get('/readyz').expect(503);
    expect(storeDown.body).toEqual({ status: 'not ready', down: ['state store: connection refused'] });

    const deadRedis = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const redisDown = await request(createApp(deps({ redis: deadRedis }))).get('/readyz').expect(503);
    expect(redisDown.body.down).toEqual([expect.stringMatching(/^redis: /)]);
    deadRedis.disconnect();
  });

  it('/metrics counts requests by matched route and status, never by raw path', async () => {
    const app = createApp(deps());
    await request(app).get('/healthz');
    await request(app).get('/api/runs?installation=acme').set('Authorization', `Bearer ${ADMIN}`);
    await request(app).get('/nowhere/else');
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toMatch(/^pulse_http_requests_total\{route="\/healthz",status="200"\} 1$/m);
    expect(text).toMatch(/^pulse_http_requests_total\{route="\/api\/runs",status="200"\} 1$/m);
    expect(text).toMatch(/^pulse_http_requests_total\{route="unmatched",status="404"\} 1$/m);
  });
});

describe('pulse serve: the admin API', () => {
  it('refuses a missing or wrong token, and is off without PULSE_ADMIN_TOKEN', async () => {
    const app = createApp(deps());
    await request(app).get('/api/installations').expect(401);
    await request(app).get('/api/installations').set('Authorization', 'Bearer wrong').expect(401);
    await request(app).get('/api/installations').set('Authorization', `Bearer ${ADMIN}x`).expect(401);
    await request(createApp(deps({ adminToken: undefined }))).get('/api/installations').set('Authorization', `Bearer ${ADMIN}`).expect(503);
  });

  it('lists installations without a secret, queues a run once per day, and lists one installation\'s runs', async () => {
    const app = createApp(deps());
    const auth = { Authorization: `Bearer ${ADMIN}` };
    const listed = await request(app).get('/api/installations').set(auth).expect(200);
    expect(listed.text).not.toContain(SEALED);
    expect(listed.body).toEqual([{ name: 'acme', crm: 'hubspot', crm_account_id: '424242', status: 'active', status_reason: null, schedule: '5 * * * *', last_run: null }]);

    const queued = await request(app).post('/api/installations/acme/sync').set(auth).send({ as_of: '2026-11-20' }).expect(202);
    expect(queued.body).toEqual({ job_id: runJobId('acme', '2026-11-20'), as_of: '2026-11-20', queued: true });
    expect((await request(app).post('/api/installations/acme/sync').set(auth).send({ as_of: '2026-11-20' }).expect(202)).body.queued).toBe(false);
    expect(await queue.getJob(runJobId('acme', '2026-11-20'))).toBeDefined();

    await request(app).post('/api/installations/nobody/sync').set(auth).send({}).expect(404);
    const bad = await request(app).post('/api/installations/acme/sync').set(auth).send({ as_of: 'soon', extra: 1 }).expect(400);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^as_of: expected a date/)]));
    await request(app).post('/api/installations/acme/sync').set(auth).set('Content-Type', 'application/json').send('{"as_of":').expect(400);
    await request(app).post('/api/installations/acme/sync').set(auth).send({ as_of: '2026-11-20', pad: 'x'.repeat(20_000) }).expect(413);
    await request(createApp(deps({ queue: null }))).post('/api/installations/acme/sync').set(auth).send({}).expect(503);

    expect((await request(app).get('/api/runs?installation=acme').set(auth).expect(200)).body).toEqual([]);
    await request(app).get('/api/runs').set(auth).expect(400);
    await request(app).get('/api/runs?installation=acme&limit=0').set(auth).expect(400);
    await request(app).get('/api/runs?installation=nobody').set(auth).expect(404);
  });

  it('redacts tokens and secrets from whatever is logged, a whole request included', () => {
    const { logger } = deps();
    logger.info({ req: { method: 'GET', headers: { authorization: `Bearer ${ADMIN}` } } }, 'request');
    logger.info({ oauth: { access_token: 'at-secret-1', refresh_token: 'rt-secret-2', client_secret: 'cs-secret-3', code: 'code-4' } }, 'exchange');
    const text = lines.join('');
    expect(text).toContain('[redacted]');
    for (const secret of [ADMIN, 'at-secret-1', 'rt-secret-2', 'cs-secret-3', 'code-4']) expect(text).not.toContain(secret);
  });
});
