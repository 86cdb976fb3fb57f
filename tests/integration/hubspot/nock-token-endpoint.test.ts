import nock from 'nock';
import { exchangeHubspotCode, refreshHubspotTokens, tokenRetryDelay } from '../../../connectors/crm/hubspot/token-endpoint';
import type { PulseError } from '../../../src/errors';
import { rejectionOf } from '../../support/pulse-error';

/** HubSpot's 2026-03 token endpoint, through global fetch, intercepted by nock. */
const BASE = 'https://hubspot.pulse.test';
const NOW = 1_800_000_000_000;
const SECRETS = { clientSecret: 'cs-0123456789', refreshToken: 'rt-na1-abcdef', code: 'code-xyz-987', codeVerifier: 'verifier-long-0001' };
const noSleep = { sleeps: [] as number[], sleep(ms: number) { this.sleeps.push(ms); return Promise.resolve(); } };

beforeAll(() => nock.disableNetConnect());
beforeEach(() => (noSleep.sleeps = []));
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function refresh(baseUrl = BASE) {
  return refreshHubspotTokens({ baseUrl, clientId: 'client-id', clientSecret: SECRETS.clientSecret, refreshToken: SECRETS.refreshToken, sleep: (ms) => noSleep.sleep(ms) }, NOW);
}


function expectNoSecret(error: PulseError): void {
  const said = `${error.message} ${error.hint ?? ''} ${error.place ?? ''} ${String(error.cause ?? '')}`;
  for (const secret of Object.values(SECRETS)) expect(said).not.toContain(secret);
}

it('refreshes with exactly the refresh form, as a form, and dates the expiry from expires_in', async () => {
  let form: Record<string, string> = {};
  nock(BASE, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
    .post('/oauth/2026-03/token', (body: Record<string, string>) => ((form = body), true))
    .reply(200, { access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 1800, token_type: 'bearer' });
  expect(await refresh(`${BASE}/`)).toEqual({ accessToken: 'new-access', refreshToken: 'new-refresh', expiresAt: NOW + 1_800_000 });
  expect(form).toEqual({ grant_type: 'refresh_token', refresh_token: SECRETS.refreshToken, client_id: 'client-id', client_secret: SECRETS.clientSecret });
  expect(nock.isDone()).toBe(true);
});

it('keeps the refresh token when the answer has none', async () => {
  nock(BASE).post('/oauth/2026-03/token').reply(200, { access_token: 'new-access', expires_in: 60 });
  expect(await refresh()).toEqual({ accessToken: 'new-access', refreshToken: SECRETS.refreshToken, expiresAt: NOW + 60_000 });
});

it('exchanges an install code with the code form, the PKCE verifier included', async () => {
  let form: Record<string, string> = {};
  nock(BASE, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
    .post('/oauth/2026-03/token', (body: Record<string, string>) => ((form = body), true))
    .reply(200, { access_token: 'first-access', refresh_token: 'first-refresh', expires_in: 1800 });
  const tokens = await exchangeHubspotCode(
    { baseUrl: BASE, clientId: 'client-id', clientSecret: SECRETS.clientSecret, code: SECRETS.code, redirectUri: 'https://pulse.example/oauth/callback', codeVerifier: SECRETS.codeVerifier },
    NOW,
  );
  expect(tokens).toEqual({ accessToken: 'first-access', refreshToken: 'first-refresh', expiresAt: NOW + 1_800_000 });
  expect(form).toEqual({
    grant_type: 'authorization_code',
    code: SECRETS.code,
    redirect_uri: 'https://pulse.example/oauth/callback',
    client_id: 'client-id',
    client_secret: SECRETS.clientSecret,
    code_verifier: SECRETS.codeVerifier,
  });
});

it("turns a refusal into CRM_AUTH_FAILED naming the endpoint, the status and HubSpot's code, with every echoed secret scrubbed", async () => {
  nock(BASE)
    .post('/oauth/2026-03/token')
    .reply(400, { status: 'BAD_REFRESH_TOKEN', category: 'VALIDATION_ERROR', message: `refresh token ${SECRETS.refreshToken} is unknown for client secret ${SECRETS.clientSecret}` });
  const error = await rejectionOf(refresh());
  expect(error.code).toBe('CRM_AUTH_FAILED');
  expect(error.message).toContain('POST /oauth/2026-03/token');
  expect(error.message).toContain('HTTP 400');
  expect(error.message).toContain('BAD_REFRESH_TOKEN');
  expect(error.message).toContain('VALIDATION_ERROR');
  expect(error.hint).toMatch(/reinstall/);
  expectNoSecret(error);
  expect(noSleep.sleeps).toEqual([]);
});

it("reads OAuth's own error fields too, and tells a refused code to start the install again", async () => {
  nock(BASE).post('/oauth/2026-03/token').reply(400, { error: 'invalid_grant', error_description: `code ${SECRETS.code} expired` });
  const error = await rejectionOf(
    exchangeHubspotCode({ baseUrl: BASE, clientId: 'client-id', clientSecret: SECRETS.clientSecret, code: SECRETS.code, redirectUri: 'https://pulse.example/cb', codeVerifier: SECRETS.codeVerifier }, NOW),
  );
  expect(error.code).toBe('CRM_AUTH_FAILED');
  expect(error.message).toContain('invalid_grant');
  expect(error.hint).toMatch(/install again/);
  expectNoSecret(error);
});

it('retries a 5xx and a 429 with short waits, then answers', async () => {
  nock(BASE).post('/oauth/2026-03/token').reply(502, 'bad gateway');
  nock(BASE).post('/oauth/2026-03/token').reply(429, { status: 'error', message: 'slow down' }, { 'Retry-After': '1' });
  nock(BASE).post('/oauth/2026-03/token').reply(200, { access_token: 'after-retries', refresh_token: 'r2', expires_in: 1800 });
  expect((await refresh()).accessToken).toBe('after-retries');
  expect(noSleep.sleeps).toEqual([250, 1000]);
  expect(nock.isDone()).toBe(true);
});

it('gives up on a 5xx that lasts, as CRM_REQUEST_FAILED naming the endpoint', async () => {
  nock(BASE).post('/oauth/2026-03/token').times(4).reply(503, { status: 'error', message: 'unavailable' });
  const error = await rejectionOf(refresh());
  expect(error.code).toBe('CRM_REQUEST_FAILED');
  expect(error.message).toContain('POST /oauth/2026-03/token');
  expect(error.message).toContain('HTTP 503');
  expect(noSleep.sleeps).toHaveLength(3);
  expect(nock.isDone()).toBe(true);
});

it('retries a network error, then gives up without echoing the request', async () => {
  nock(BASE).post('/oauth/2026-03/token').times(4).replyWithError(`socket hang up sending ${SECRETS.clientSecret}`);
  const error = await rejectionOf(refresh());
  expect(error.code).toBe('CRM_REQUEST_FAILED');
  expect(error.message).toContain('could not be reached');
  expect(noSleep.sleeps).toHaveLength(3);
  expectNoSecret(error);
});

it('refuses a 2xx answer without a token, and never echoes it', async () => {
  nock(BASE).post('/oauth/2026-03/token').reply(200, { refresh_token: 'leaked-refresh', expires_in: 60 });
  const error = await rejectionOf(refresh());
  expect(error.code).toBe('CRM_REQUEST_FAILED');
  expect(error.message).not.toContain('leaked-refresh');
});

describe('tokenRetryDelay', () => {
  it.each([
    [{ status: 500 }, 1, 250],
    [{ status: 503 }, 3, 2000],
    [{ status: 503 }, 4, null],
    [{ status: 429, retryAfter: '2' }, 1, 2000],
    [{ status: 429, retryAfter: '60' }, 1, 5000],
    [{ status: 400 }, 1, null],
    [{ status: 401 }, 1, null],
    ['network' as const, 2, 1000],
  ])('%j after %i failures → %p', (outcome, failures, expected) => {
    expect(tokenRetryDelay(outcome, failures)).toBe(expected);
  });
});
