/**
 * `GET /api/crm-card/hubspot` through the real app on a real PostgreSQL store: a request signed as
 * hubspot.fetch signs it gets the account its company holds; unsigned, forged and stale requests get
 * 401, and a company of another portal's installation or of none gets 404 and nothing of any account.
 */
import { Registry } from 'prom-client';
import request from 'supertest';
import { loadConfig } from '../../../src/commands/config';
import { createApp } from '../../../src/server/app';
import { signHubspotV3 } from '../../../src/server/hubspot-signature';
import { createLogger } from '../../../src/server/logger';
import { openStateStore, type StateStore } from '../../../src/sync/state';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import type { SqlClient } from '../../../src/sync/state/sql';
import { history } from '../../support/snapshots';
import { testDatabaseUrl } from '../../support/test-database';

const SECRET = 'hs-card-client-secret';
const PUBLIC = 'https://pulse.example.test';
let store: StateStore;
let db: SqlClient;

function app() {
  const env = { DATABASE_URL: 'postgres://unused', PULSE_PUBLIC_URL: PUBLIC, HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: SECRET };
  return createApp({ store, queue: null, redis: null, adminToken: 'admin-token', logger: createLogger('silent'), registry: new Registry(), config: loadConfig(env), env });
}

const pathFor = (portal: string, company: string) => `/api/crm-card/hubspot?companyId=${company}&portalId=${portal}&userId=7&userEmail=rep%40example.com&appId=55`;

function get(path: string, options: { timestamp?: number; secret?: string; signature?: string | null } = {}) {
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = options.signature === undefined ? signHubspotV3('GET', `${PUBLIC}${path}`, Buffer.alloc(0), timestamp, options.secret ?? SECRET) : options.signature;
  const call = request(app()).get(path);
  return signature === null ? call : call.set('x-hubspot-signature-v3', signature).set('x-hubspot-request-timestamp', timestamp);
}

beforeAll(async () => {
  const url = await testDatabaseUrl('server_hubspot_card');
  store = await openStateStore({ databaseUrl: url, dir: '/nonexistent' });
  db = await connectPostgres(url);
  for (const [name, portal, account, record] of [['acme', '111', 'acme-1', '9001'], ['globex', '222', 'globex-1', '9002']] as const) {
    const { id } = await store.addInstallation({ name, crm: 'hubspot', crmAccountId: portal, credentials: 'sealed', warehouseUrl: null, configFile: null, schedule: '0 6 * * *' });
    await store.recordHistory(id, history(account, '2026-11-24', 120, { risk_drivers: `${name} risk` }));
    await db.query('insert into record_ids values ($1, $2, $3, now())', [id, account, record]);
    await db.query(`insert into account_fields values ($1, $2, '{"pulse_health_score": [70, 1, "2026-11-24T06:00:00.000Z"]}')`, [id, account]);
  }
});
afterAll(async () => {
  await db?.close();
  await store?.close();
});

describe('GET /api/crm-card/hubspot', () => {
  it('answers a signed request with the account the company holds: figures, labels, 90 days and the console link', async () => {
    const res = await get(pathFor('111', '9001')).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      account_id: 'acme-1', as_of: '2026-11-24', console_url: `${PUBLIC}/console/accounts/acme-1`, last_synced_at: expect.stringMatching(/^2026-11-24/),
      labels: { health_score: 'Health score', forecast_month_usd: 'Forecast month spend (USD)' },
      figures: { risk_drivers: 'acme risk', health_score_change_7d: -4, commit_exhaustion_date: '2026-12-24', forecast_month_usd: 3000 },
      budget_month_usd: 2500,
    });
    expect(res.body.history).toHaveLength(90);
    expect(res.body.history[0].day).toBe('2026-08-27');
    expect(JSON.stringify(res.body)).not.toContain('globex');
    expect(res.text.length).toBeLessThan(100_000);
  });

  it('refuses unsigned, forged, stale and altered requests with 401, without the admin token', async () => {
    const path = pathFor('111', '9001');
    expect((await get(path, { signature: null }).expect(401)).body.reason).toBe('missing');
    expect((await get(path, { secret: 'not-the-secret' }).expect(401)).body.reason).toBe('mismatch');
    expect((await get(path, { timestamp: Date.now() - 301_000 }).expect(401)).body.reason).toBe('stale');
    const timestamp = String(Date.now());
    const signedForAcme = signHubspotV3('GET', `${PUBLIC}${path}`, Buffer.alloc(0), timestamp, SECRET);
    const altered = await get(pathFor('222', '9002'), { signature: signedForAcme, timestamp: Number(timestamp) }).expect(401);
    expect(altered.text).not.toContain('globex');
  });

  it('never answers with another installation\'s account: a company of another portal, or of none, is 404', async () => {
    const cross = await get(pathFor('111', '9002')).expect(404);
    expect(cross.text).not.toMatch(/globex/);
    await get(pathFor('111', '424242')).expect(404);
    await get(pathFor('999', '9001')).expect(404);
  });

  it('refuses a query it does not know with 400', async () => {
    await get('/api/crm-card/hubspot?companyId=9001&portalId=111&extra=1').expect(400);
    await get('/api/crm-card/hubspot?companyId=abc&portalId=111').expect(400);
  });
});
