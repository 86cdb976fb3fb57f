import { BUSY_RETRY_MS, decideFailure } from '../../../jobs/failure-policy';
import { PulseError } from '../../../src/errors';
import { QuotaStopError } from '../../../src/sync/ports';

const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('decideFailure', () => {
  it('sends refused credentials and bad configuration to the admin, with the reason', () => {
    expect(decideFailure(new PulseError('CRM_AUTH_FAILED', 'HubSpot refused GET /details (HTTP 401)'), NOW)).toEqual({
      kind: 'needs-attention',
      reason: 'CRM_AUTH_FAILED: HubSpot refused GET /details (HTTP 401)',
    });
    expect(decideFailure(new PulseError('CONFIG_INVALID', 'bad key'), NOW).kind).toBe('needs-attention');
    expect(decideFailure(new PulseError('CRM_NOT_CONFIGURED', 'no token'), NOW).kind).toBe('needs-attention');
  });

  it('delays a quota stop until the CRM says the quota is back, and a busy installation briefly', () => {
    expect(decideFailure(new QuotaStopError('HubSpot', '2026-12-01T00:00:00.000Z', 'batch update'), NOW)).toMatchObject({ kind: 'delay', untilMs: Date.parse('2026-12-01T00:00:00Z') });
    expect(decideFailure(new QuotaStopError('HubSpot', '2026-11-29T00:00:00.000Z', 'batch update'), NOW)).toMatchObject({ kind: 'delay', untilMs: NOW });
    expect(decideFailure(new PulseError('SYNC_BUSY', 'another run'), NOW)).toMatchObject({ kind: 'delay', untilMs: NOW + BUSY_RETRY_MS });
  });

  it('requeues a run asked to stop, and retries everything else with backoff', () => {
    expect(decideFailure(new PulseError('SYNC_INTERRUPTED', 'stop'), NOW)).toEqual({ kind: 'requeue' });
    expect(decideFailure(new PulseError('WAREHOUSE_UNAVAILABLE', 'down'), NOW)).toEqual({ kind: 'retry' });
    expect(decideFailure(new Error('socket hang up'), NOW)).toEqual({ kind: 'retry' });
  });
});
