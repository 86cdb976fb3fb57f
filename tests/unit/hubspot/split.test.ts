import { normalizeDomain } from '../../../connectors/crm/hubspot/domain-search';
import { writeSplitting, type BatchOutcome } from '../../../connectors/crm/hubspot/split';
import { batchWrites, hubspotString } from '../../../connectors/crm/hubspot/write-fields';
import type { FieldWrite } from '../../../connectors/crm/types';

const ok = (keys: readonly string[]): BatchOutcome => ({ results: keys.map((key) => ({ key, ok: true })) });
const refused = (message: string, retryable = false): BatchOutcome => ({ results: [], refused: { message, retryable } });

describe('writeSplitting', () => {
  it('halves a refused batch until the bad input stands alone; the rest are written', async () => {
    const sent: number[] = [];
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const results = await writeSplitting(keys, (key) => key, (batch) => {
      sent.push(batch.length);
      return Promise.resolve(batch.includes('k61') ? refused('bad value') : ok(batch));
    });
    expect(results.filter((result) => result.ok)).toHaveLength(99);
    expect(results.find((result) => !result.ok)).toEqual({ key: 'k61', ok: false, error: 'bad value', retryable: false });
    expect(sent.length).toBeLessThanOrEqual(1 + 2 * 7);
  });

  it('does not split a batch refused for a passing reason', async () => {
    let calls = 0;
    const results = await writeSplitting(['a', 'b', 'c'], (key) => key, () => {
      calls += 1;
      return Promise.resolve(refused('HTTP 503', true));
    });
    expect(calls).toBe(1);
    expect(results.every((result) => !result.ok && result.retryable)).toBe(true);
  });

  it('sends the rest again when a refusal settled some inputs (tasks found to exist after a 409)', async () => {
    const sent: string[][] = [];
    const results = await writeSplitting(['old', 'new'], (key) => key, (batch) => {
      sent.push([...batch]);
      return Promise.resolve(batch.includes('old') ? { results: [{ key: 'old', ok: true, crm_id: '1' }], refused: { message: 'conflict', retryable: false } } : ok(batch));
    });
    expect(sent).toEqual([['old', 'new'], ['new']]);
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it('reports an input the answer did not mention as retryable, never as written', async () => {
    const results = await writeSplitting(['a', 'b'], (key) => key, () => Promise.resolve(ok(['a'])));
    expect(results).toEqual([{ key: 'a', ok: true }, { key: 'b', ok: false, error: 'HubSpot gave no answer for this record', retryable: true }]);
  });
});

describe('field write helpers', () => {
  it('batches by 100 and never puts one company twice in a batch', () => {
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
});
