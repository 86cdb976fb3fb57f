/**
 * SQL that could differ between engines, kept in one place. As written, DuckDB and PostgreSQL take the
 * same text: date ± integer literal, date − date (days), FILTER, window frames over integer day numbers,
 * `is not distinct from`. The differences were designed out rather than switched on:
 * - day of week: buckets by (T − day) mod 7, mapped to 0 = Sunday in JS from T's weekday
 *   (DuckDB `dayofweek` vs PostgreSQL `extract(dow ...)` are not needed);
 * - month bounds: computed in JS and bound as `$n::date` (PostgreSQL's date_trunc returns a timestamp);
 * - percentiles: the two order statistics come from SQL, JS interpolates (percentile_cont is not a
 *   window function in PostgreSQL and its float arithmetic is engine-specific);
 * - integer division: never used (`/` is float division in DuckDB).
 */

/**
 * Exact money: an amount in whole 1/10,000 dollars, rounded half up alike in both engines. It stays a
 * double on purpose: sums of integer-valued doubles are exact (hence independent of summation order
 * and engine) while below 2^53, i.e. 900 billion dollars per sum, and double sums are ~2× faster in
 * DuckDB than bigint sums (which accumulate in 128-bit integers).
 */
export function exactMoney(expr: string): string {
  return `floor((${expr}) * 10000 + 0.5)`;
}

/** A date as an integer day number, for RANGE frames with integer offsets (no interval types needed). */
export function dayNumber(expr: string): string {
  return `((${expr}) - date '1970-01-01')`;
}
