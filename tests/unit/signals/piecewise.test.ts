import { piecewise } from '../../../src/signals/piecewise';

describe('piecewise', () => {
  const commitment: [number, number][] = [[40, 0], [70, 60], [90, 100], [130, 100], [160, 70]];

  it('interpolates between points and clamps at both ends', () => {
    expect(piecewise(commitment, 55)).toBe(30);
    expect(piecewise(commitment, 145)).toBe(85);
    expect(piecewise(commitment, 10)).toBe(0);
    expect(piecewise(commitment, 1000)).toBe(70);
    expect(piecewise(commitment, 90)).toBe(100);
  });

  it('reads points given out of order by their input', () => {
    expect(piecewise([[0.5, 0], [0, 100]], 0.25)).toBe(50);
  });

  it('refuses an empty curve', () => {
    expect(() => piecewise([], 1)).toThrow(RangeError);
  });
});
