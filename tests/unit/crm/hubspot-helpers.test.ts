import { normalizeDomain } from '../../../connectors/crm/hubspot/domain-search';
import { nextPortalMidnight } from '../../../connectors/crm/hubspot/quota';
import { batchWrites, hubspotString } from '../../../connectors/crm/hubspot/write-fields';
import type { FieldWrite } from '../../../src/sync/ports';

describe('HubSpot exceptions', () => {
  it('batches field writes by 100 and never puts one company twice in a batch', () => {
    const writes: FieldWrite[] = Array.from({ length: 150 }, (_, i) => ({ account_id: `a${i}`, record_id: i === 120 ? '110' : String(i), values: {} }));
    expect(batchWrites(writes).map((batch) => batch.length)).toEqual([100, 49, 1]);
  });

  it('writes every value as HubSpot wants it: a string, empty to clear', () => {
    expect([hubspotString('x'), hubspotString(12.5), hubspotString(false), hubspotString(null)]).toEqual(['x', '12.5', 'false', '']);
  });

  it('normalizes domains as HubSpot stores them', () => {
    expect(normalizeDomain('https://www.Acme.com/pricing?x=1')).toBe('acme.com');
    expect(normalizeDomain('acme')).toBeNull();
    expect(normalizeDomain(null)).toBeNull();
  });

  it('resumes a daily stop at the next midnight in the portal time zone', () => {
    const now = Date.parse('2025-05-10T15:30:00Z');
    expect(nextPortalMidnight(now, 0)).toBe('2025-05-11T00:00:00.000Z');
    // US/Eastern in May (UTC−4): midnight there is 04:00 UTC.
    expect(nextPortalMidnight(now, -4 * 3_600_000)).toBe('2025-05-11T04:00:00.000Z');
    // Tokyo (UTC+9): 00:30 on the 11th there, so the next midnight is the 12th, 15:00 UTC on the 11th.
    expect(nextPortalMidnight(now, 9 * 3_600_000)).toBe('2025-05-11T15:00:00.000Z');
  });
});
