/**
 * The console through supertest on the real app and a real PostgreSQL store: login and its cookie,
 * pages refused without it, the accounts list filtered and sorted, an account's burn-down, a run's
 * rejections grouped, and no admin token in any page or log line.
 */
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import request from 'supertest';
import { loadConfig } from '../../../src/commands/config';
import { issueSession, sessionKey } from '../../../src/console/session';
import { createApp, type AppDeps } from '../../../src/server/app';
import { createLogger } from '../../../src/server/logger';
import { openStateStore, type StateStore } from '../../../src/sync/state';
import { ZERO_COUNTS } from '../../../src/sync/state';
import { testDatabaseUrl } from '../../support/test-database';
import { history, makeSnapshot } from '../../support/snapshots';

const ADMIN = 'admin-token-for-tests-0123456789';
const AS_OF = '2026-11-24';
let store: StateStore;
let runId = 0;
const lines: string[] = [];
const bodies: string[] = [];

function deps(overrides: Partial<AppDeps> = {}, env: NodeJS.ProcessEnv = {}): AppDeps {
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  return { store, queue: null, redis: null, adminToken: ADMIN, logger: createLogger('info', sink), registry: new Registry(), config: loadConfig(env), env, ...overrides };
}

async function login(app: ReturnType<typeof createApp>): Promise<string> {
  const res = await request(app).post('/console/login').type('form').send({ token: ADMIN }).expect(303);
  const cookie = (res.headers['set-cookie'] as unknown as string[])[0] ?? '';
  return cookie.split(';')[0] ?? '';
}

async function page(app: ReturnType<typeof createApp>, cookie: string, path: string, status = 200): Promise<string> {
  const res = await request(app).get(path).set('Cookie', cookie).expect(status);
  bodies.push(res.text);
  return res.text;
}

beforeAll(async () => {
  store = await openStateStore({ databaseUrl: await testDatabaseUrl('server_console'), dir: '/nonexistent' });
  const acme = await store.addInstallation({ name: 'acme', crm: 'hubspot', crmAccountId: '424242', credentials: 'sealed', warehouseUrl: null, configFile: null, schedule: '5 * * * *' });
  await store.addInstallation({ name: 'beta', crm: 'hubspot', crmAccountId: '515151', credentials: 'sealed', warehouseUrl: null, configFile: null, schedule: '5 * * * *' });
  await store.recordHistory(acme.id, [
    ...history('burn', AS_OF, 120, { commit_exhaustion_date: '2026-12-24', expansion_signal: 'commit_early_exhaustion' }),
    makeSnapshot({ account_id: 'grow-low', name: 'Growing low', signals: { expansion_signal: 'rapid_growth', health_score: 35, health_tier: 'at_risk' } }),
    makeSnapshot({ account_id: 'grow-high', name: 'Growing high', signals: { expansion_signal: 'rapid_growth', health_score: 90 } }),
    makeSnapshot({ account_id: 'quiet', name: '<script>alert(1)</script>', signals: { expansion_signal: 'none', health_score: 50, health_tier: 'watch' } }),
  ]);
  const run = await store.startRun(acme.id, AS_OF, '2026-11-25T06:00:00Z');
  runId = run.runId;
  await run.addRejections([
    { kind: 'row', key: 'usage_daily [grow-low|2026-11-20|chat|eng]', account_id: 'grow-low', reason: 'units is negative (-3)', code: 'negative:units' },
    { kind: 'row', key: 'usage_daily [grow-low|2026-11-21|chat|eng]', account_id: 'grow-low', reason: 'units is negative (-1)', code: 'negative:units' },
    { kind: 'record', key: 'quiet', account_id: 'quiet', reason: 'PROPERTY_DOESNT_EXIST: pulse_health_score' },
  ]);
  await run.finish({ ...ZERO_COUNTS, accounts_read: 4, rows_rejected: 2, rejected: 1 }, { status: 'succeeded', errorCode: null, error: null, resumeAt: null }, '2026-11-25T06:01:00Z');
});
afterAll(async () => {
  await store?.close();
  const everything = [...lines, ...bodies].join('\n');
  // No page and no log line ever carries the admin token.
  expect(everything).not.toContain(ADMIN);
});

describe('console: login and session', () => {
  it('the login form has a labelled field; a right token sets a signed cookie with the right attributes', async () => {
    const app = createApp(deps({}, { PULSE_PUBLIC_URL: 'https://pulse.example.com' }));
    const form = await request(app).get('/console/login').expect(200);
    expect(form.text).toMatch(/<label for="token">Admin token/);
    expect(form.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(form.headers['content-security-policy']).not.toMatch(/https?:/);
    const res = await request(app).post('/console/login').type('form').send({ token: ADMIN }).expect(303);
    expect(res.headers.location).toBe('/console/accounts');
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0] ?? '';
    expect(cookie).toMatch(/^pulse_console=v1\.\d+\.[\w-]{43};/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).not.toContain(ADMIN);
    // Over plain http (no https public URL) the cookie cannot be Secure, or the browser would drop it.
    expect(((await request(createApp(deps())).post('/console/login').type('form').send({ token: ADMIN })).headers['set-cookie'] as unknown as string[])[0]).not.toMatch(/Secure/);
  });

  it('refuses a wrong token, an extra field and a large body; is 503 without PULSE_ADMIN_TOKEN', async () => {
    const app = createApp(deps());
    const wrong = await request(app).post('/console/login').type('form').send({ token: `${ADMIN}x` }).expect(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.text).toContain('That is not the admin token.');
    await request(app).post('/console/login').type('form').send({ token: ADMIN, extra: '1' }).expect(401);
    await request(app).post('/console/login').type('form').send({ token: 'x'.repeat(10_000) }).expect(413);
    await request(createApp(deps({ adminToken: undefined }))).get('/console/accounts').expect(503);
    await request(createApp(deps({ adminToken: undefined }))).get('/console/login').expect(503);
  });

  it('redirects every page to the login without a cookie, or with a forged, expired or other-token one', async () => {
    const app = createApp(deps());
    for (const path of ['/console/accounts', '/console/accounts/burn', '/console/portfolio', '/console/runs', `/console/runs/${runId}`, '/console/runs/plan?installation=acme']) {
      expect((await request(app).get(path).expect(303)).headers.location).toBe('/console/login');
    }
    const { value } = issueSession(sessionKey(ADMIN), Date.now());
    const [, expiry, mac] = value.split('.');
    const refused = [
      `pulse_console=v1.${Number(expiry) + 60_000}.${mac}`,
      `pulse_console=${issueSession(sessionKey(ADMIN), Date.now() - 13 * 3600_000).value}`,
      `pulse_console=${issueSession(sessionKey('some-other-admin-token-000000'), Date.now()).value}`,
      `pulse_console=${ADMIN}`,
    ];
    for (const cookie of refused) expect((await request(app).get('/console/accounts').set('Cookie', cookie).expect(303)).headers.location).toBe('/console/login');
    await request(app).get('/console/accounts').set('Cookie', `pulse_console=${value}`).expect(200);
  });

  it('logout clears the cookie', async () => {
    const app = createApp(deps());
    const res = await request(app).post('/console/logout').set('Cookie', await login(app)).expect(303);
    expect(res.headers.location).toBe('/console/login');
    expect((res.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^pulse_console=;.*Expires=Thu, 01 Jan 1970/);
  });
});

describe('console: pages', () => {
  it('lists accounts filtered by expansion signal and sorted, with escaping and the installation selector', async () => {
    const app = createApp(deps());
    const cookie = await login(app);
    const all = await page(app, cookie, '/console/accounts');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).not.toContain('<script>');
    expect(all).toMatch(/<select id="installation-select" name="installation"><option value="acme" selected>acme<\/option><option value="beta">beta<\/option>/);
    const text = await page(app, cookie, '/console/accounts?installation=acme&expansion=rapid_growth&sort=health_score&dir=desc');
    const order = [...text.matchAll(/<th scope="row"><a href="\/console\/accounts\/([\w-]+)\?installation=acme">/g)].map((m) => m[1]);
    expect(order).toEqual(['grow-high', 'grow-low']);
    expect(text).toContain('Accounts 1–2 of 2');
    expect(text).toMatch(/<svg class="spark" role="img" aria-label="90-day spend/);
    await page(app, cookie, '/console/accounts?sort=password', 400);
    await page(app, cookie, '/console/accounts?installation=nobody', 404);
  });

  it('shows an account with its burn-down and exhaustion date, health with its change, and 404 for an unknown account', async () => {
    const app = createApp(deps());
    const cookie = await login(app);
    const text = await page(app, cookie, '/console/accounts/burn?installation=acme');
    expect(text).toContain('Commitment burn-down');
    expect(text).toContain('Exhausts 2026-12-24');
    expect(text).toContain('it is exhausted on 2026-12-24');
    expect(text).toContain('Health -4 points in 7 days: trend fell from 30% to 20%.');
    expect(text).toContain('2026-11 forecast $3.0k');
    await page(app, cookie, '/console/accounts/nobody?installation=acme', 404);
    // An account of another installation is not found in this one.
    await page(app, cookie, '/console/accounts/burn?installation=beta', 404);
  });

  it('shows the portfolio, the runs with counts, and a run\'s rejected rows grouped by reason', async () => {
    const app = createApp(deps());
    const cookie = await login(app);
    const portfolio = await page(app, cookie, '/console/portfolio');
    expect(portfolio).toContain('Health tiers by coverage');
    expect(portfolio).toContain('NRR by driver and segment');
    const runs = await page(app, cookie, '/console/runs?installation=acme');
    expect(runs).toContain(`href="/console/runs/${runId}?installation=acme">#${runId}</a>`);
    expect(runs).toContain('href="/console/runs/plan?installation=acme"');
    const run = await page(app, cookie, `/console/runs/${runId}?installation=acme`);
    expect(run).toContain('<h3>usage_daily: units is negative: 2 rows rejected</h3><ul><li><code>usage_daily [grow-low|2026-11-20|chat|eng]: units is negative (-3)</code></li>');
    expect(run).toContain('PROPERTY_DOESNT_EXIST: pulse_health_score');
    await page(app, cookie, `/console/runs/${runId}?installation=beta`, 404);
    await page(app, cookie, '/console/runs/abc', 400);
  });
});
