/**
 * OAuth installs through the real express app (supertest), on a real PostgreSQL store and a real Redis
 * queue: the vendors' token endpoints are nock; HubSpot's data API is the local fake portal (its
 * properties created by the install's setup). Whole installs of both CRMs, then forged, expired and
 * replayed states and a refused code, each of which must store nothing.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import nock from 'nock';
import { Registry } from 'prom-client';
import request from 'supertest';
import { openSyncQueue } from '../../../jobs/queue';
import { HUBSPOT_SCOPES } from '../../../src/catalog/hubspot-app';
import { loadConfig } from '../../../src/commands/config';
import { parseEncryptionKey } from '../../../src/crypto';
import { createApp } from '../../../src/server/app';
import { createLogger } from '../../../src/server/logger';
import { openCredentials, openStateStore, type StateStore } from '../../../src/sync/state';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { startRedis, type RunningRedis } from '../../support/redis';
import { testDatabaseUrl } from '../../support/test-database';

const KEY = 'e'.repeat(64);
const PUBLIC = 'https://pulse.example.test';
const SF_LOGIN = 'https://login.sf.example.test';
const SECRETS = { hubspotSecret: 'hs-client-secret-DO-NOT-LOG', sfSecret: 'sf-client-secret-DO-NOT-LOG' };
const PORTAL = 515151;
const ORG = '00D5g000000AbCdEAF';

let redis: RunningRedis;
let connection: Redis;
let queue: Queue;
let store: StateStore;
let portal: FakeHubspot;
let env: Record<string, string>;
const lines: string[] = [];

function app(nowOffsetMs = 0) {
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  return createApp({
    store,
    queue,
    redis: connection,
    adminToken: undefined,
    logger: createLogger('info', sink),
    registry: new Registry(),
    config: loadConfig(env),
    env,
    now: () => Date.now() + nowOffsetMs,
  });
}

async function startInstall(crm: 'hubspot' | 'salesforce', nowOffsetMs = 0): Promise<URL> {
  const answer = await request(app(nowOffsetMs)).get(`/oauth/${crm}/install`).expect(302);
  expect(answer.headers['cache-control']).toBe('no-store');
  return new URL(answer.headers.location as string);
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  queue = openSyncQueue(connection);
  portal = await startFakeHubspot({ portalId: PORTAL, token: 'oauth-access-1', pulseProperties: false });
  const databaseUrl = await testDatabaseUrl('server_oauth');
  env = {
    DATABASE_URL: databaseUrl,
    PULSE_ENCRYPTION_KEY: KEY,
    PULSE_PUBLIC_URL: PUBLIC,
    HUBSPOT_CLIENT_ID: 'hs-client-id',
    HUBSPOT_CLIENT_SECRET: SECRETS.hubspotSecret,
    HUBSPOT_BASE_URL: portal.baseUrl,
    SALESFORCE_CLIENT_ID: 'sf-client-id',
    SALESFORCE_CLIENT_SECRET: SECRETS.sfSecret,
    SALESFORCE_LOGIN_URL: SF_LOGIN,
  };
  store = await openStateStore({ databaseUrl, dir: '/nonexistent' });
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await queue?.close();
  await connection?.quit();
  await store?.close();
  await portal?.close();
  await redis?.stop();
});

describe('HubSpot install', () => {
  it('redirects to HubSpot with the app, the callback, the manifest scopes, a state and a PKCE challenge; the callback stores the portal, sets it up and queues its first sync', async () => {
    const authorize = await startInstall('hubspot');
    expect(authorize.origin + authorize.pathname).toBe('https://app.hubspot.com/oauth/authorize');
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toMatchObject({ client_id: 'hs-client-id', redirect_uri: `${PUBLIC}/oauth/hubspot/callback`, scope: HUBSPOT_SCOPES.join(' '), code_challenge_method: 'S256' });
    expect(params.state).toMatch(/^[\w-]+\.[\w-]+$/);

    let exchanged: Record<string, string> = {};
    const tokenEndpoint = nock(portal.baseUrl, { allowUnmocked: true })
      .post('/oauth/2026-03/token', (body: string) => ((exchanged = form(body)), true))
      .matchHeader('content-type', /application\/x-www-form-urlencoded/)
      .reply(200, { token_type: 'bearer', access_token: 'oauth-access-1', refresh_token: 'oauth-refresh-1', expires_in: 1800 });
    const page = await request(app()).get('/oauth/hubspot/callback').query({ code: 'hs-code-1', state: params.state }).expect(200);
    tokenEndpoint.done();
    expect(exchanged).toMatchObject({ grant_type: 'authorization_code', code: 'hs-code-1', redirect_uri: `${PUBLIC}/oauth/hubspot/callback`, client_id: 'hs-client-id', client_secret: SECRETS.hubspotSecret });
    // PKCE: the verifier sent with the code is the one whose challenge went out with the link.
    expect(createHash('sha256').update(exchanged.code_verifier ?? '').digest('base64url')).toBe(params.code_challenge);
    expect(page.text).toContain(`installation &quot;hubspot-${PORTAL}&quot;`);

    const installation = await store.findInstallationByName(`hubspot-${PORTAL}`);
    expect(installation).toMatchObject({ crm: 'hubspot', crmAccountId: String(PORTAL), status: 'active' });
    const stored = openCredentials(installation?.credentials ?? '', parseEncryptionKey(KEY), 'hubspot');
    expect(stored).toMatchObject({ HUBSPOT_ACCESS_TOKEN: 'oauth-access-1', HUBSPOT_REFRESH_TOKEN: 'oauth-refresh-1', HUBSPOT_BASE_URL: portal.baseUrl });
    expect(Date.parse(stored.HUBSPOT_TOKEN_EXPIRES_AT ?? '') - Date.now()).toBeGreaterThan(1700_000);
    expect(stored).not.toHaveProperty('HUBSPOT_CLIENT_SECRET');
    // crm setup ran: the fresh portal now holds the Pulse properties.
    expect(portal.stats.byRoute.get('POST /crm/v3/properties/companies')).toBeGreaterThan(10);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((job) => job.data.installation)).toContain(`hubspot-${PORTAL}`);

    // The same callback again: the state was single-use, so nothing is exchanged or stored twice.
    const replay = await request(app()).get('/oauth/hubspot/callback').query({ code: 'hs-code-1', state: params.state }).expect(400);
    expect(replay.text).toContain('already used');
  });

  it('refuses a forged and an expired state without calling the token endpoint', async () => {
    const tokenEndpoint = nock(portal.baseUrl).post('/oauth/2026-03/token').reply(200, {});
    const state = (await startInstall('hubspot')).searchParams.get('state') ?? '';
    const [payload = '', signature = ''] = state.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), e: Date.now() + 3_600_000 })).toString('base64url');
    const forged = await request(app()).get('/oauth/hubspot/callback').query({ code: 'c', state: `${forgedPayload}.${signature}` }).expect(400);
    expect(forged.text).toContain('not one this deployment issued');
    // A state of one CRM is not a state of the other.
    await request(app()).get('/oauth/salesforce/callback').query({ code: 'c', state }).expect(400);
    const expired = await request(app(10 * 60_000 + 1)).get('/oauth/hubspot/callback').query({ code: 'c', state }).expect(400);
    expect(expired.text).toContain('expired');
    expect(tokenEndpoint.isDone()).toBe(false);
  });

  it('a refused code stores nothing and says so without the code or the secret', async () => {
    const before = (await store.listInstallations()).length;
    const state = (await startInstall('hubspot')).searchParams.get('state') ?? '';
    nock(portal.baseUrl).post('/oauth/2026-03/token').reply(400, { status: 'BAD_AUTH_CODE', message: 'auth code not found', category: 'VALIDATION_ERROR' });
    const page = await request(app()).get('/oauth/hubspot/callback').query({ code: 'hs-bad-code', state }).expect(502);
    expect(page.text).toContain('Nothing was stored');
    expect(page.text).not.toContain('hs-bad-code');
    expect(page.text).not.toContain(SECRETS.hubspotSecret);
    expect((await store.listInstallations()).length).toBe(before);
  });

  it('an admin who declines gets a page, and nothing is stored', async () => {
    const page = await request(app()).get('/oauth/hubspot/callback').query({ error: 'access_denied', error_description: 'The user declined' }).expect(400);
    expect(page.text).toContain('access_denied');
  });
});

describe('Salesforce install', () => {
  it('runs the web-server flow with PKCE and stores the instance URL, org id and refresh token', async () => {
    const authorize = await startInstall('salesforce');
    expect(authorize.origin + authorize.pathname).toBe(`${SF_LOGIN}/services/oauth2/authorize`);
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toMatchObject({ response_type: 'code', client_id: 'sf-client-id', redirect_uri: `${PUBLIC}/oauth/salesforce/callback`, code_challenge_method: 'S256', scope: 'api refresh_token' });

    let exchanged: Record<string, string> = {};
    nock(SF_LOGIN)
      .post('/services/oauth2/token', (body: string) => ((exchanged = form(body)), true))
      .reply(200, {
        access_token: 'sf-access-1',
        refresh_token: 'sf-refresh-1',
        instance_url: 'https://acme.my.salesforce.example.test',
        id: `${SF_LOGIN}/id/${ORG}/0055g000001XyZ1AAK`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        signature: 'ignored',
      });
    const page = await request(app()).get('/oauth/salesforce/callback').query({ code: 'sf-code-1', state: params.state }).expect(200);
    expect(exchanged).toMatchObject({ grant_type: 'authorization_code', code: 'sf-code-1', client_id: 'sf-client-id', client_secret: SECRETS.sfSecret, redirect_uri: `${PUBLIC}/oauth/salesforce/callback` });
    expect(createHash('sha256').update(exchanged.code_verifier ?? '').digest('base64url')).toBe(params.code_challenge);
    const name = `salesforce-${ORG.toLowerCase()}`;
    expect(page.text).toContain(name);
    const installation = await store.findInstallationByName(name);
    expect(installation).toMatchObject({ crm: 'salesforce', crmAccountId: ORG, status: 'active' });
    expect(openCredentials(installation?.credentials ?? '', parseEncryptionKey(KEY), 'salesforce')).toMatchObject({
      SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.example.test',
      SALESFORCE_REFRESH_TOKEN: 'sf-refresh-1',
      SALESFORCE_LOGIN_URL: SF_LOGIN,
    });
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((job) => job.data.installation)).toContain(name);
  });
});

describe('an install that is not configured', () => {
  it('answers 503 naming the missing variables, and never redirects', async () => {
    const bare = createApp({
      store,
      queue,
      redis: connection,
      adminToken: undefined,
      logger: createLogger('silent'),
      registry: new Registry(),
      config: loadConfig({ DATABASE_URL: env.DATABASE_URL as string }),
      env: {},
    });
    const page = await request(bare).get('/oauth/hubspot/install').expect(503);
    expect(page.text).toContain('PULSE_PUBLIC_URL, PULSE_ENCRYPTION_KEY, HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET');
  });
});

describe('the log of every install above', () => {
  it('holds no token, code or secret', () => {
    const log = lines.join('');
    expect(log).toContain('installed');
    for (const secret of ['oauth-access-1', 'oauth-refresh-1', 'hs-code-1', 'hs-bad-code', 'sf-access-1', 'sf-refresh-1', 'sf-code-1', SECRETS.hubspotSecret, SECRETS.sfSecret]) expect(log).not.toContain(secret);
  });
});
