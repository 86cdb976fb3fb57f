import nock from 'nock';
import { createHubspotConnector } from '../../../connectors/crm/hubspot';
import { isPulseError } from '../../../src/errors';
import { FAST_RETRIES } from './support';

/** An account-info answer that does not name the portal cannot name the installation either. */
const BASE = 'https://hubspot.pulse.test';
const connect = () => createHubspotConnector({ accessToken: 'secret-token', baseUrl: BASE, retryPolicy: FAST_RETRIES });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

it('refuses to start when account-info answers without a portalId (a missing scope)', async () => {
  nock(BASE).get('/account-info/v3/details').reply(200, { timeZone: 'US/Eastern' });
  const error: unknown = await connect().catch((caught: unknown) => caught);
  expect(isPulseError(error) && error.code).toBe('CRM_REQUEST_FAILED');
  expect((error as Error).message).toMatch(/answered without a portalId: the portal id is needed/);
  expect(nock.isDone()).toBe(true);
});

it('maps a refused token on account-info to CRM_AUTH_FAILED, before any write', async () => {
  nock(BASE).get('/account-info/v3/details').reply(401, { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' });
  const error: unknown = await connect().catch((caught: unknown) => caught);
  expect(isPulseError(error) && error.code).toBe('CRM_AUTH_FAILED');
  expect((error as Error).message).not.toContain('secret-token');
});
