/**
 * Piecewise-linear scoring between `[input, score]` points, clamped at the ends (SIGNALS.md §9).
 */
export type Points = readonly (readonly [number, number])[];

export function piecewise(points: Points, x: number): number {
  if (points.length === 0) throw new RangeError('piecewise: no points');
  // Config may list points in any order; the curve is defined by input order.
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const first = sorted[0] as readonly [number, number];
  const last = sorted[sorted.length - 1] as readonly [number, number];
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < sorted.length; i++) {
    const [x1, y1] = sorted[i] as readonly [number, number];
    if (x <= x1) {
      const [x0, y0] = sorted[i - 1] as readonly [number, number];
      // Two points at the same input make a step; take the later one's score.
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return last[1];
}
