import { isPulseError } from '../../../src/errors';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { connectTo, FAST_RETRIES } from './support';

/** The installation's identity: the portal id read at start, retried like every call, never guessed. */
let fake: FakeHubspot;
afterEach(() => fake.close());

const ACCOUNT_INFO = '/account-info/v3/details';
const infoCalls = (): number => fake.stats.byRoute.get(`GET ${ACCOUNT_INFO}`) ?? 0;

describe('HubSpot installation id', () => {
  it('reads the portal id through passing 503s', async () => {
    fake = await startFakeHubspot();
    fake.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', path: ACCOUNT_INFO, times: 3 });
    const connector = await connectTo(fake);
    expect(connector.installationId).toBe('424242');
    expect(infoCalls()).toBe(4);
    expect(connector.caller.retries.get('server-error')).toBe(3);
  });

  it('fails to start, naming the call, when the portal id cannot be read after every retry; no installation is guessed', async () => {
    fake = await startFakeHubspot();
    fake.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', path: ACCOUNT_INFO, times: FAST_RETRIES.maxAttempts });
    const error: unknown = await connectTo(fake).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_REQUEST_FAILED');
    const message = (error as Error).message;
    expect(message).toContain('GET /account-info/v3/details');
    expect(message).toMatch(/portal id is needed to know which installation/);
    expect(message).not.toContain(fake.token);
    expect(infoCalls()).toBe(FAST_RETRIES.maxAttempts);
  });
});
