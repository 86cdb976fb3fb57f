import { readAhead } from '../../../src/sync/read-ahead';

/** A source that logs when each item is asked for, and may fail at one. */
function source(items: number[], log: string[], failAt?: number): AsyncIterable<number> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (const item of items) {
          log.push(`read ${item}`);
          await Promise.resolve();
          if (item === failAt) throw new Error(`read ${item} failed`);
          yield item;
        }
      } finally {
        log.push('closed');
      }
    },
  };
}

describe('readAhead', () => {
  it('reads the next item while the current one is being used, in order', async () => {
    const log: string[] = [];
    for await (const item of readAhead(source([1, 2, 3], log))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`used ${item}`);
    }
    // The source has run out (and closed) while the last item is still in use.
    expect(log).toEqual(['read 1', 'read 2', 'used 1', 'read 3', 'used 2', 'closed', 'used 3']);
  });

  it('throws a failed read when its item is reached, after the items before it were used', async () => {
    const log: string[] = [];
    const used: number[] = [];
    await expect(async () => {
      for await (const item of readAhead(source([1, 2, 3], log, 2))) used.push(item);
    }).rejects.toThrow('read 2 failed');
    expect(used).toEqual([1]);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    await expect(async () => {
      for await (const item of readAhead(source([1, 2, 3], log))) if (item === 1) throw new Error('write failed');
    }).rejects.toThrow('write failed');
    expect(log.at(-1)).toBe('closed');
  });
});
