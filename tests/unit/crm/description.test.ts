import { defineCrm, type CrmDescriptionInput } from '../../../connectors/crm/kit/description';
import { HUBSPOT } from '../../../connectors/crm/hubspot/description';
import { SALESFORCE } from '../../../connectors/crm/salesforce/description';
import { isPulseError } from '../../../src/errors';

const minimal: CrmDescriptionInput = { label: 'Tiny', batchSize: 10, lookupSize: 10, requestsInFlight: 1, rateWindow: { maxRequests: 5, windowMs: 1000 }, retry: {} };

function problem(raw: CrmDescriptionInput): { code: string | false; message: string; place?: string } {
  try {
    defineCrm(raw);
  } catch (error) {
    return { code: isPulseError(error) && error.code, message: (error as Error).message, place: isPulseError(error) ? error.place : undefined };
  }
  throw new Error('the description was accepted');
}

describe('defineCrm', () => {
  it('applies the defaults and lower-cases header names', () => {
    const tiny = defineCrm({ ...minimal, headers: { retryAfter: 'Retry-After' } });
    expect(tiny.retry).toMatchObject({ stop: [], auth: [], wait: [], backOff: [], maxAttempts: 5, maxRateLimitRetries: 20, baseMs: 500, capMs: 30_000 });
    expect(tiny.lanes).toEqual({});
    expect(tiny.headers).toEqual({ retryAfter: 'retry-after' });
  });

  it('fails at definition, naming the CRM and every bad key path', () => {
    const bad = problem({ ...minimal, batchSize: 0, retry: { backOff: [{ status: [700] }], maxAttempts: -1 } });
    expect(bad.code).toBe('CONFIG_INVALID');
    expect(bad.message).toContain('CRM description Tiny is invalid');
    expect(bad.message).toMatch(/batchSize: /);
    expect(bad.message).toMatch(/retry\.backOff\.0\.status\.0: /);
    expect(bad.message).toMatch(/retry\.maxAttempts: /);
    expect(bad.place).toBe('batchSize, retry.backOff.0.status.0, retry.maxAttempts');
  });

  it('refuses a rule with no status, an unknown key, and a lane named like the standard window', () => {
    expect(problem({ ...minimal, retry: { wait: [{ status: [] }] } }).message).toMatch(/retry\.wait\.0\.status: /);
    expect(problem({ ...minimal, retries: {} } as unknown as CrmDescriptionInput).message).toMatch(/Unrecognized key.*retries/);
    expect(problem({ ...minimal, lanes: { standard: { maxRequests: 1, windowMs: 1 } } }).message).toMatch(/lanes\.standard: `standard` is the rate window itself/);
  });

  it('describes HubSpot and Salesforce as the connectors need them', () => {
    expect(HUBSPOT).toMatchObject({ label: 'HubSpot', batchSize: 100, lookupSize: 100, requestsInFlight: 4, rateWindow: { maxRequests: 100, windowMs: 10_000 }, lanes: { search: { maxRequests: 4, windowMs: 1_000 } } });
    expect(HUBSPOT.retry).toMatchObject({ maxAttempts: 5, maxRateLimitRetries: 20, baseMs: 500, capMs: 30_000 });
    expect(SALESFORCE).toMatchObject({ label: 'Salesforce', batchSize: 200, lookupSize: 200, requestsInFlight: 4, apiVersion: '60.0' });
    expect(SALESFORCE.retry.stop).toEqual([{ status: [403], codes: ['REQUEST_LIMIT_EXCEEDED'] }]);
  });
});
