import type { ColumnType } from '../../domain/contract';
import { PulseError } from '../../errors';
import { sqlLiteral } from '../identifiers';
import type { Dialect } from '../port';

/**
 * The few SQL spellings that differ between DuckDB and PostgreSQL. Everything else the checks
 * emit is written in the common subset (CASE, CAST, trim, substr, length, %), so both dialects
 * accept exactly the same values.
 */

/** Both dialects accept these names; DOUBLE PRECISION is DuckDB's DOUBLE. */
export const SQL_TYPE: Record<ColumnType, string> = { text: 'text', date: 'date', integer: 'integer', number: 'double precision' };

/** Whole-string regex match. Patterns use only syntax RE2 (DuckDB) and POSIX ARE (PostgreSQL) share. */
export function fullMatch(dialect: Dialect, expr: string, pattern: string): string {
  return dialect === 'duckdb' ? `regexp_full_match(${expr}, ${sqlLiteral(pattern)})` : `(${expr} ~ ${sqlLiteral(`^(${pattern})$`)})`;
}

/** NaN or ±Infinity in a float or numeric column (a DECIMAL is always finite in DuckDB). */
export function notFinite(dialect: Dialect, expr: string): string {
  return dialect === 'duckdb' ? `(not isfinite(cast(${expr} as double)))` : `(${expr} in ('NaN', 'Infinity', '-Infinity'))`;
}

/** A column of the contract, double-quoted (contract names are plain identifiers). */
export function col(alias: string, name: string): string {
  return `${alias}."${name}"`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a real calendar day, or a PulseError: `today` reaches SQL as a literal. */
export function checkDay(value: string, place: string): string {
  const m = DAY.exec(value);
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  if (m) d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!m || d.toISOString().slice(0, 10) !== value) {
    throw new PulseError('INPUT_INVALID', `${place}: "${value}" is not a date (expected YYYY-MM-DD)`, { place });
  }
  return value;
}

export function dateLiteral(day: string): string {
  return `cast(${sqlLiteral(day)} as date)`;
}
