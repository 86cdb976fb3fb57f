/**
 * An install through `pulse serve`'s app, then the installation's sync (`pulse sync --installation`,
 * in-process) half an hour later, when its access token has expired and is refreshed through
 * `POST /oauth/2026-03/token`: the refreshed pair is stored sealed, and no line logged or printed by
 * either holds a token, a code or a secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { Registry } from 'prom-client';
import request from 'supertest';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import { loadConfig } from '../../../src/commands/config';
import { parseEncryptionKey } from '../../../src/crypto';
import { createApp } from '../../../src/server/app';
import { createLogger } from '../../../src/server/logger';
import { openCredentials, openStateStore, sealCredentials, type StateStore } from '../../../src/sync/state';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

const KEY = 'd'.repeat(64);
const PORTAL = 626262;
const NAME = `hubspot-${PORTAL}`;
const SECRETS = ['oauth-access-A', 'oauth-refresh-R', 'oauth-access-B', 'oauth-refresh-S', 'install-code-C', 'hs-client-secret-never-logged'];

describe('install, then sync with a refreshed token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-install-sync-'));
  let portal: FakeHubspot;
  let store: StateStore;
  let env: Record<string, string>;
  const lines: string[] = [];

  beforeAll(async () => {
    const warehousePath = await writeExamplesDuckDb(dir);
    const db = await openDuckDb({ path: warehousePath, displayUrl: warehousePath });
    const accounts = (await db.all('select account_id from accounts order by account_id')).map((row) => String(row.account_id));
    await db.close();
    portal = await startFakeHubspot({ portalId: PORTAL, token: 'oauth-access-A', pulseProperties: false });
    portal.store.seedCompaniesFor(accounts);
    const databaseUrl = await testDatabaseUrl('server_install_sync');
    env = {
      DATABASE_URL: databaseUrl,
      WAREHOUSE_URL: `duckdb:${warehousePath}`,
      PULSE_ENCRYPTION_KEY: KEY,
      PULSE_PUBLIC_URL: 'https://pulse.example.test',
      HUBSPOT_CLIENT_ID: 'hs-client-id',
      HUBSPOT_CLIENT_SECRET: 'hs-client-secret-never-logged',
      HUBSPOT_BASE_URL: portal.baseUrl,
    };
    store = await openStateStore({ databaseUrl, dir: join(dir, 'state') });
  });
  afterAll(async () => {
    nock.cleanAll();
    await store?.close();
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the refreshed tokens sealed and logs no secret', async () => {
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
    const app = createApp({ store, queue: null, redis: null, adminToken: undefined, logger: createLogger('debug', sink), registry: new Registry(), config: loadConfig(env), env });
    const state = new URL((await request(app).get('/oauth/hubspot/install').expect(302)).headers.location as string).searchParams.get('state');
    nock(portal.baseUrl, { allowUnmocked: true })
      .post('/oauth/2026-03/token', (body: string) => new URLSearchParams(body).get('grant_type') === 'authorization_code')
      .reply(200, { access_token: 'oauth-access-A', refresh_token: 'oauth-refresh-R', expires_in: 1800 });
    await request(app).get('/oauth/hubspot/callback').query({ code: 'install-code-C', state }).expect(200);

    // Half an hour later: the stored access token has expired.
    const key = parseEncryptionKey(KEY);
    const installation = await store.findInstallationByName(NAME);
    const stored = openCredentials(installation?.credentials ?? '', key, 'hubspot');
    await store.saveCredentials(installation?.id ?? 0, sealCredentials({ ...stored, HUBSPOT_TOKEN_EXPIRES_AT: new Date(Date.now() - 60_000).toISOString() }, key));

    const refresh = nock(portal.baseUrl, { allowUnmocked: true })
      .post('/oauth/2026-03/token', (body: string) => {
        const form = new URLSearchParams(body);
        return form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'oauth-refresh-R' && form.get('client_secret') === 'hs-client-secret-never-logged';
      })
      .reply(200, { access_token: 'oauth-access-B', refresh_token: 'oauth-refresh-S', expires_in: 1800 });
    portal.acceptToken('oauth-access-B');
    const sync = await runCli(['sync', '--installation', NAME, '--as-of', '2024-02-20'], { cwd: dir, env });
    expect(sync.stderr).not.toMatch(/error/i);
    expect(sync.code).toBe(0);
    refresh.done();

    const after = openCredentials((await store.findInstallationByName(NAME))?.credentials ?? '', key, 'hubspot');
    expect(after).toMatchObject({ HUBSPOT_ACCESS_TOKEN: 'oauth-access-B', HUBSPOT_REFRESH_TOKEN: 'oauth-refresh-S' });
    expect(Date.parse(after.HUBSPOT_TOKEN_EXPIRES_AT ?? '')).toBeGreaterThan(Date.now() + 1700_000);
    const [run] = await store.listRuns(1, { installationId: installation?.id ?? 0 });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run?.written).toBeGreaterThan(0);

    const everything = [...lines, sync.stdout, sync.stderr].join('\n');
    expect(everything).toContain('installed');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
