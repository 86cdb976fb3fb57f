import nock from 'nock';
import { createHubspotConnector } from '../../../connectors/crm/hubspot';
import { isPulseError } from '../../../src/errors';
import { isQuotaStop, type FieldWrite } from '../../../src/sync/ports';
import { FAST_RETRIES } from './support';

/** Request shapes and error mapping of field writes, through the real SDK, HTTP answered by nock. */
const BASE = 'https://hubspot.pulse.test';
const TOKEN = 'nock-token';
const UPDATE = '/crm/v3/objects/companies/batch/update';
const LIMIT_HEADERS = { 'X-HubSpot-RateLimit-Max': '100', 'X-HubSpot-RateLimit-Remaining': '99', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' };

interface UpdateBody {
  inputs: { id: string; properties: Record<string, string> }[];
}
const object = (id: string, properties: Record<string, string> = {}) => ({ id, properties, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', archived: false });
const batch = (results: unknown[], errors?: unknown[]) => ({ status: 'COMPLETE', results, startedAt: '2025-01-01T00:00:00Z', completedAt: '2025-01-01T00:00:00Z', ...(errors ? { errors, numErrors: errors.length } : {}) });
const writes = (n: number): FieldWrite[] => Array.from({ length: n }, (_, i) => ({ account_id: `a${i}`, record_id: String(100 + i), values: { pulse_health_score: i, pulse_health_tier: 'watch' } }));
const connect = () => createHubspotConnector({ accessToken: TOKEN, baseUrl: BASE, installationId: 'p', retryPolicy: FAST_RETRIES });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('HubSpot writeFields', () => {
  it('sends 100 companies per batch update, values as strings, and maps a 207 back to single records', async () => {
    const bodies: UpdateBody[] = [];
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post(UPDATE)
      .times(2)
      .reply((_uri, body) => {
        const input = body as UpdateBody;
        bodies.push(input);
        const missing = input.inputs.find((entry) => entry.id === '999');
        if (missing === undefined) return [200, batch(input.inputs.map((entry) => object(entry.id, entry.properties))), LIMIT_HEADERS];
        const found = input.inputs.filter((entry) => entry !== missing).map((entry) => object(entry.id, entry.properties));
        return [207, batch(found, [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found', context: { ids: ['999'] } }]), LIMIT_HEADERS];
      });
    const connector = await connect();
    const results = await connector.writeFields([...writes(149), { account_id: 'gone', record_id: '999', values: { pulse_overconsumption: true, pulse_nrr_pct: null } }]);
    expect(nock.isDone()).toBe(true);
    expect(bodies.map((body) => body.inputs.length)).toEqual([100, 50]);
    expect(bodies[0]?.inputs[3]).toEqual({ id: '103', properties: { pulse_health_score: '3', pulse_health_tier: 'watch' } });
    expect(bodies[1]?.inputs.at(-1)).toEqual({ id: '999', properties: { pulse_overconsumption: 'true', pulse_nrr_pct: '' } });
    expect(results.filter((result) => result.ok)).toHaveLength(149);
    expect(results.find((result) => result.key === 'gone')).toEqual({ key: 'gone', ok: false, error: 'OBJECT_NOT_FOUND: Object not found', retryable: false });
    expect(connector.apiCalls).toBe(2);
  });

  it('splits a batch HubSpot refuses whole to isolate the bad record: the other 99 are written', async () => {
    const message = 'Property values were not valid: [{"isValid":false,"message":"purple was not one of the allowed options","error":"INVALID_OPTION","name":"pulse_health_tier"}]';
    nock(BASE)
      .post(UPDATE)
      .times(20)
      .reply((_uri, body) => {
        const input = body as UpdateBody;
        if (input.inputs.some((entry) => entry.properties.pulse_health_tier === 'purple')) return [400, { status: 'error', message, category: 'VALIDATION_ERROR', correlationId: 'c' }];
        return [200, batch(input.inputs.map((entry) => object(entry.id)))];
      });
    const all = writes(100);
    all[37] = { ...all[37]!, values: { pulse_health_tier: 'purple' } };
    const connector = await connect();
    const results = await connector.writeFields(all);
    expect(results.filter((result) => result.ok)).toHaveLength(99);
    expect(results.find((result) => !result.ok)).toEqual({ key: 'a37', ok: false, error: message, retryable: false });
    // 1 refused call, then halving down to the one record: ≤ 1 + 2·⌈log2 100⌉.
    expect(connector.apiCalls).toBeLessThanOrEqual(15);
  });

  it('waits and retries a TEN_SECONDLY_ROLLING 429, and reports records as retryable when 5xx outlast the retries', async () => {
    const rateLimited = { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: 'c', policyName: 'TEN_SECONDLY_ROLLING' };
    nock(BASE)
      .post(UPDATE)
      .reply(429, rateLimited, { ...LIMIT_HEADERS, 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '200' })
      .post(UPDATE)
      .reply(200, batch([object('100'), object('101')]));
    const connector = await connect();
    expect((await connector.writeFields(writes(2))).every((result) => result.ok)).toBe(true);
    expect(connector.caller.rateLimited).toBe(1);

    nock(BASE).post(UPDATE).times(FAST_RETRIES.maxAttempts).reply(503, 'upstream unavailable');
    const failed = await connector.writeFields(writes(2));
    expect(failed).toEqual([
      { key: 'a0', ok: false, error: 'HTTP 503', retryable: true },
      { key: 'a1', ok: false, error: 'HTTP 503', retryable: true },
    ]);
    expect(nock.isDone()).toBe(true);
  });

  it('stops the run on the DAILY limit with the time to resume, and makes no further call', async () => {
    nock(BASE)
      .post(UPDATE)
      .reply(200, batch(writes(100).map((write) => object(write.record_id))))
      .post(UPDATE)
      .reply(429, { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY' });
    const connector = await createHubspotConnector({ accessToken: TOKEN, baseUrl: BASE, installationId: 'p', retryPolicy: FAST_RETRIES, requestsInFlight: 1 });
    const error: unknown = await connector.writeFields(writes(150)).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_RATE_LIMITED');
    expect(isQuotaStop(error) && error.resumeAt).toMatch(/T00:00:00\.000Z$/);
    expect(isQuotaStop(error) && error.partial.filter((result) => result.ok)).toHaveLength(100);
    const again: unknown = await connector.writeFields(writes(1)).catch((caught: unknown) => caught);
    expect(isQuotaStop(again)).toBe(true);
    expect(connector.apiCalls).toBe(2);
  });

  it('maps a refused token to CRM_AUTH_FAILED without the token in the message', async () => {
    nock(BASE).post(UPDATE).reply(401, { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' });
    const error: unknown = await (await connect()).writeFields(writes(1)).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_AUTH_FAILED');
    expect(String(error)).not.toContain(TOKEN);
  });
});
