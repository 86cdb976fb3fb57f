/**
 * The only SQL that differs between DuckDB and PostgreSQL. Everything else is one text: date ± integer,
 * date − date (days), FILTER, window frames over integer day numbers, and exact integer money sums
 * work alike in both.
 */
import type { Dialect } from '../types';

export interface SqlDialect {
  /**
   * The value of `value` on the row with the smallest `key` (keys unique within the group).
   * DuckDB has arg_min; PostgreSQL has no such aggregate, but min() over arrays compares element-wise.
   */
  argMin(value: string, key: string): string;
}

const DIALECTS: Record<Dialect, SqlDialect> = {
  duckdb: { argMin: (value, key) => `arg_min(${value}, ${key})` },
  postgres: { argMin: (value, key) => `(min(array[(${key})::float8, (${value})::float8]))[2]` },
};

export function sqlDialect(dialect: Dialect): SqlDialect {
  return DIALECTS[dialect];
}

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
