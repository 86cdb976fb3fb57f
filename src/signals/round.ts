/**
 * Decimal rounding for output. Binary floats store 1.005 as 1.00499999999999989…, so a plain
 * `Math.round(x * 100) / 100` gives 1.00; trimming the product to 15 significant digits first
 * removes that representation error (and only that: real data never carries 15 significant digits).
 */

/** Rounds half away from zero (half up for the non-negative figures such as health_score). */
export function roundTo(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  const direct = Math.abs(x) * scale;
  // Fast path (toPrecision and the parse back are most of the cost): below 1e9, trimming to 15
  // significant digits moves the product by under 1e-6, which changes floor(· + 0.5) only when the
  // fraction is that close to one half. Elsewhere both paths give the same integer, hence the same result.
  if (direct < 1e9 && Math.abs(direct - Math.floor(direct) - 0.5) > 1e-4) {
    const fast = (Math.sign(x) * Math.floor(direct + 0.5)) / scale;
    return fast === 0 ? 0 : fast;
  }
  const scaled = Number((Math.abs(x) * scale).toPrecision(15));
  // Beyond 2^53 a double has no decimals left to round; scaling could only overflow.
  if (!Number.isFinite(scaled) || Math.abs(x) >= 2 ** 53) return x;
  const rounded = (Math.sign(x) * Math.floor(scaled + 0.5)) / scale;
  // -0 would print as "0" in JSON but compares oddly in tests and diffs; normalise it.
  return rounded === 0 ? 0 : rounded;
}

/**
 * Removes float noise (102626.00000000001 → 102626) without rounding real digits. Derived ratios
 * pass through it before thresholds see them, so that a decimal boundary is not missed by binary
 * error: 900 vs 1000 is −10% exactly and must read `declining`, not −9.999999999999998 and `stable`.
 */
export function clean(x: number): number {
  // An integer below 10^15 has at most 15 significant digits: toPrecision(15) returns it unchanged.
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x === 0 ? 0 : x;
  const out = Number(x.toPrecision(15));
  return out === 0 ? 0 : out;
}

/** `ceil` that does not jump a whole step on noise: ceil(3.0000000000000004) is 3. */
export function ceilClean(x: number): number {
  return Math.ceil(Number(x.toPrecision(12)));
}

/**
 * `a / b × scale`, noise taken off; null when b is 0 or the quotient overflows (a vanishingly small
 * divisor), so that "cannot be computed" is always null and never Infinity or NaN.
 */
export function divide(a: number, b: number, scale = 1): number | null {
  if (b === 0) return null;
  const q = clean((a / b) * scale);
  return Number.isFinite(q) ? q : null;
}
