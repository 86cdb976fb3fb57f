import nock from 'nock';
import { createHubspotConnector, type HubspotOAuthTokens } from '../../../connectors/crm/hubspot';
import { OAuthTokenKeeper } from '../../../connectors/crm/hubspot/oauth';
import { fakeClock } from '../../unit/crm/fake-clock';
import { FAST_RETRIES } from './support';

/** An installation's OAuth token is refreshed before it expires, and the new one is used at once. */
const BASE = 'https://hubspot.pulse.test';
const at = '2025-01-01T00:00:00Z';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

it('refreshes an OAuth token that expires within the margin, hands the new pair to the store, and calls with it', async () => {
  let form = '';
  nock(BASE)
    .post('/oauth/2026-03/token', (body: unknown) => ((form = new URLSearchParams(body as Record<string, string>).toString()), true))
    .reply(200, { access_token: 'fresh-access', refresh_token: 'fresh-refresh', expires_in: 1800, token_type: 'bearer' });
  nock(BASE, { reqheaders: { authorization: 'Bearer fresh-access' } })
    .get('/account-info/v3/details')
    .reply(200, { portalId: 8675309, timeZone: 'US/Eastern', utcOffsetMilliseconds: -18_000_000 });
  nock(BASE, { reqheaders: { authorization: 'Bearer fresh-access' } })
    .post('/crm/v3/objects/companies/batch/update')
    .reply(200, { status: 'COMPLETE', startedAt: at, completedAt: at, results: [{ id: '1', properties: {}, createdAt: at, updatedAt: at }] });

  const stored: HubspotOAuthTokens[] = [];
  const connector = await createHubspotConnector({
    accessToken: '',
    baseUrl: BASE,
    retryPolicy: FAST_RETRIES,
    oauth: {
      clientId: 'client-id',
      clientSecret: 'client-secret',
      tokens: { accessToken: 'old-access', refreshToken: 'old-refresh', expiresAt: Date.now() + 60_000 },
      onRefresh: (tokens) => void stored.push(tokens),
    },
  });
  expect(connector.installationId).toBe('8675309');
  expect(await connector.writeFields([{ account_id: 'a', record_id: '1', values: { pulse_health_score: '5' } }])).toEqual([{ key: 'a', ok: true, crm_id: '1' }]);
  expect(nock.isDone()).toBe(true);
  expect(form).toContain('grant_type=refresh_token');
  expect(form).toContain('refresh_token=old-refresh');
  expect(nock.pendingMocks()).toEqual([]);
  expect(stored).toEqual([{ accessToken: 'fresh-access', refreshToken: 'fresh-refresh', expiresAt: expect.any(Number) }]);
  expect(stored[0]!.expiresAt).toBeGreaterThan(Date.now() + 1_700_000);
});

describe('OAuthTokenKeeper', () => {
  const tokens = (expiresAt: number) => ({ accessToken: 'old-access', refreshToken: 'old-refresh', expiresAt });

  it('refreshes once through the 2026-03 endpoint for every caller that asks at once, and hands the pair to onRefresh', async () => {
    const clock = fakeClock();
    const stored: HubspotOAuthTokens[] = [];
    nock(BASE).post('/oauth/2026-03/token').delay(20).reply(200, { access_token: 'fresh-access', refresh_token: 'fresh-refresh', expires_in: 1800 });
    const keeper = new OAuthTokenKeeper({ clientId: 'id', clientSecret: 'secret', tokens: tokens(clock.now() + 299_000), onRefresh: (t) => void stored.push(t) }, BASE, clock);
    // Within the 5-minute margin: due, though not yet expired.
    const answers = await Promise.all([keeper.accessToken(), keeper.accessToken(), keeper.accessToken()]);
    expect(answers).toEqual(['fresh-access', 'fresh-access', 'fresh-access']);
    expect(stored).toEqual([{ accessToken: 'fresh-access', refreshToken: 'fresh-refresh', expiresAt: clock.now() + 1_800_000 }]);
    expect(nock.isDone()).toBe(true);
    // The new token is good for 30 minutes: no further call (nock would refuse one).
    expect(await keeper.accessToken()).toBe('fresh-access');
  });

  it('leaves a token outside the margin alone', async () => {
    const clock = fakeClock();
    const keeper = new OAuthTokenKeeper({ clientId: 'id', clientSecret: 'secret', tokens: tokens(clock.now() + 301_000) }, BASE, clock);
    expect(await keeper.accessToken()).toBe('old-access');
  });

  it('reports a refused refresh as CRM_AUTH_FAILED, and asks again on the next call', async () => {
    const clock = fakeClock();
    nock(BASE).post('/oauth/2026-03/token').reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });
    const keeper = new OAuthTokenKeeper({ clientId: 'id', clientSecret: 'secret', tokens: tokens(0) }, BASE, clock);
    await expect(keeper.accessToken()).rejects.toMatchObject({ code: 'CRM_AUTH_FAILED' });
    nock(BASE).post('/oauth/2026-03/token').reply(200, { access_token: 'second-try', expires_in: 1800 });
    expect(await keeper.accessToken()).toBe('second-try');
  });
});
