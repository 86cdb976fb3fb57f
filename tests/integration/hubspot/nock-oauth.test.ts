import nock from 'nock';
import { createHubspotConnector, type HubspotOAuthTokens } from '../../../connectors/crm/hubspot';
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
    .post('/oauth/v1/token', (body: unknown) => ((form = new URLSearchParams(body as Record<string, string>).toString()), true))
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
  expect(stored).toEqual([{ accessToken: 'fresh-access', refreshToken: 'fresh-refresh', expiresAt: expect.any(Number) }]);
  expect(stored[0]!.expiresAt).toBeGreaterThan(Date.now() + 1_700_000);
});
