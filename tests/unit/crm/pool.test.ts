import fc from 'fast-check';
import { chunkByGroup } from '../../../connectors/crm/kit/pool';

describe('chunkByGroup', () => {
  it('never splits a group that fits a chunk, and keeps every item once, in group order', () => {
    const items = ['a1', 'b1', 'a2', 'c1', 'b2', 'c2', 'c3'];
    const chunks = chunkByGroup(items, 3, (item) => item[0] ?? '');
    expect(chunks).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2', 'c3']]);
  });

  it('holds for any items: sizes within bounds, no item lost or doubled, a fitting group in one chunk', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer()), { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (pairs, size) => {
        const items = pairs.map(([group, value], index) => ({ group: String(group), value, index }));
        const chunks = chunkByGroup(items, size, (item) => item.group);
        expect(chunks.flat().map((item) => item.index).sort((a, b) => a - b)).toEqual(items.map((item) => item.index));
        for (const part of chunks) expect(part.length).toBeGreaterThan(0);
        for (const part of chunks) expect(part.length).toBeLessThanOrEqual(size);
        for (const group of new Set(items.map((item) => item.group))) {
          const members = items.filter((item) => item.group === group).length;
          const holding = chunks.filter((part) => part.some((item) => item.group === group)).length;
          if (members <= size) expect(holding).toBe(1);
        }
      }),
    );
  });
});
