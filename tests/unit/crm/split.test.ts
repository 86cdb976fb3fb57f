import { writeSplitting, type BatchOutcome } from '../../../connectors/crm/kit/split';

const ok = (keys: readonly string[]): BatchOutcome => ({ results: keys.map((key) => ({ key, ok: true })) });
const refused = (message: string, retryable = false): BatchOutcome => ({ results: [], refused: { message, retryable } });
const split = (keys: readonly string[], send: (batch: readonly string[]) => Promise<BatchOutcome>) => writeSplitting(keys, { crm: 'Acme CRM', keyOf: (key) => key, send });

describe('writeSplitting', () => {
  it('halves a refused batch until the bad input stands alone; the rest are written', async () => {
    const sent: number[] = [];
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const results = await split(keys, (batch) => {
      sent.push(batch.length);
      return Promise.resolve(batch.includes('k61') ? refused('bad value') : ok(batch));
    });
    expect(results.filter((result) => result.ok)).toHaveLength(99);
    expect(results.find((result) => !result.ok)).toEqual({ key: 'k61', ok: false, error: 'bad value', retryable: false });
    expect(sent.length).toBeLessThanOrEqual(1 + 2 * 7);
  });

  it('does not split a batch refused for a passing reason', async () => {
    let calls = 0;
    const results = await split(['a', 'b', 'c'], () => {
      calls += 1;
      return Promise.resolve(refused('HTTP 503', true));
    });
    expect(calls).toBe(1);
    expect(results.every((result) => !result.ok && result.retryable)).toBe(true);
  });

  it('sends the rest again when a refusal settled some inputs (tasks found to exist after a 409)', async () => {
    const sent: string[][] = [];
    const results = await split(['old', 'new'], (batch) => {
      sent.push([...batch]);
      return Promise.resolve(batch.includes('old') ? { results: [{ key: 'old', ok: true, crm_id: '1' }], refused: { message: 'conflict', retryable: false } } : ok(batch));
    });
    expect(sent).toEqual([['old', 'new'], ['new']]);
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it('reports an input the answer did not mention as retryable, never as written, naming the CRM', async () => {
    const results = await split(['a', 'b'], () => Promise.resolve(ok(['a'])));
    expect(results).toEqual([{ key: 'a', ok: true }, { key: 'b', ok: false, error: 'Acme CRM gave no answer for this record', retryable: true }]);
  });
});
