import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { createConnector } from '../../../connectors/crm';
import { loadConfig } from '../../../src/commands/config';

/** A stored OAuth installation opens through the registry wherever a private-app token does. */
const BASE = 'https://hubspot.pulse.test';
const OAUTH_ENV = {
  HUBSPOT_BASE_URL: BASE,
  HUBSPOT_CLIENT_ID: 'app-client-id',
  HUBSPOT_CLIENT_SECRET: 'app-client-secret',
  HUBSPOT_REFRESH_TOKEN: 'install-refresh',
  HUBSPOT_ACCESS_TOKEN: 'expired-access',
  HUBSPOT_TOKEN_EXPIRES_AT: '2020-01-01T00:00:00Z',
};

const crmOf = (env: NodeJS.ProcessEnv) => loadConfig(env, mkdtempSync(join(tmpdir(), 'pulse-oauth-'))).crm;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

it('builds an OAuth connector from a refresh token, reports the refreshed variables, and returns the ones that rebuild it', async () => {
  let form: Record<string, string> = {};
  nock(BASE)
    .post('/oauth/2026-03/token', (body: Record<string, string>) => ((form = body), true))
    .reply(200, { access_token: 'fresh-access', refresh_token: 'rotated-refresh', expires_in: 1800 });
  nock(BASE, { reqheaders: { authorization: 'Bearer fresh-access' } })
    .get('/account-info/v3/details')
    .reply(200, { portalId: 8675309, timeZone: 'US/Eastern', utcOffsetMilliseconds: -18_000_000 });

  const changes: Record<string, string>[] = [];
  const before = Date.now();
  const { connector, credentials } = await createConnector('hubspot', crmOf(OAUTH_ENV), { onCredentials: async (changed) => void changes.push(changed) });

  expect(connector.installationId).toBe('8675309');
  expect(form).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'install-refresh', client_id: 'app-client-id', client_secret: 'app-client-secret' });
  expect(changes).toEqual([{ HUBSPOT_ACCESS_TOKEN: 'fresh-access', HUBSPOT_REFRESH_TOKEN: 'rotated-refresh', HUBSPOT_TOKEN_EXPIRES_AT: expect.any(String) }]);
  const expiresAt = Date.parse(changes[0]!.HUBSPOT_TOKEN_EXPIRES_AT!);
  expect(expiresAt).toBeGreaterThanOrEqual(before + 1_800_000);
  expect(expiresAt).toBeLessThan(Date.now() + 1_800_000 + 1000);
  // The deployment's client id and secret are not the installation's: they are not stored with it.
  expect(credentials).toEqual({ ...changes[0], HUBSPOT_BASE_URL: BASE });
  expect(nock.isDone()).toBe(true);
  await connector.close();
});

it('uses a stored access token that is still valid without refreshing', async () => {
  nock(BASE, { reqheaders: { authorization: 'Bearer valid-access' } })
    .get('/account-info/v3/details')
    .reply(200, { portalId: 42, timeZone: 'UTC', utcOffsetMilliseconds: 0 });
  const expires = new Date(Date.now() + 3_600_000).toISOString();
  const changes: Record<string, string>[] = [];
  const { connector, credentials } = await createConnector('hubspot', crmOf({ ...OAUTH_ENV, HUBSPOT_ACCESS_TOKEN: 'valid-access', HUBSPOT_TOKEN_EXPIRES_AT: expires }), {
    onCredentials: async (changed) => void changes.push(changed),
  });
  expect(connector.installationId).toBe('42');
  expect(changes).toEqual([]);
  expect(credentials).toEqual({ HUBSPOT_ACCESS_TOKEN: 'valid-access', HUBSPOT_REFRESH_TOKEN: 'install-refresh', HUBSPOT_TOKEN_EXPIRES_AT: expires, HUBSPOT_BASE_URL: BASE });
  await connector.close();
});

it('names the missing client id and secret of an OAuth installation', async () => {
  const { HUBSPOT_CLIENT_ID: _id, HUBSPOT_CLIENT_SECRET: _secret, ...env } = OAUTH_ENV;
  await expect(createConnector('hubspot', crmOf(env))).rejects.toMatchObject({
    code: 'CRM_NOT_CONFIGURED',
    message: expect.stringMatching(/HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET/),
  });
});

it('keeps the private-app token path as it was', async () => {
  nock(BASE, { reqheaders: { authorization: 'Bearer pat-na1-token' } })
    .get('/account-info/v3/details')
    .reply(200, { portalId: 7, timeZone: 'UTC', utcOffsetMilliseconds: 0 });
  const { connector, credentials } = await createConnector('hubspot', crmOf({ HUBSPOT_BASE_URL: BASE, HUBSPOT_ACCESS_TOKEN: 'pat-na1-token' }));
  expect(credentials).toEqual({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-token', HUBSPOT_BASE_URL: BASE });
  await connector.close();
});
