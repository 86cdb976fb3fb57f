import type { ColumnSpec } from '../../domain/contract';
import type { Dialect } from '../port';
import { readsDirectly, sourceKind, type SourceKind } from './source-kind';
import { col, dateLiteral, fullMatch, notFinite, SQL_TYPE } from './sql';

/**
 * A check fails (the row is rejected under `key`) when `cond` is true; null counts as passing.
 * Every `cond` is safe on its own (it casts only what it has proven castable), so checks can be
 * evaluated in any order: the clean CTEs AND them, which the engine can push into the scan.
 */
export interface Check {
  key: string;
  cond: string;
  /** `cond` can be null on a passing row (a nullable column holding null). */
  nullable: boolean;
  /** The typed cast is only valid where this check passes. */
  guard: boolean;
}

/**
 * How one contract column is read and checked. Checks run in order, each written for the rows the
 * previous ones let through: a cast appears only after the check that proves it cannot fail.
 */
export interface ColumnPlan {
  spec: ColumnSpec;
  /** What the raw relation `s` selects for the column, from the source aliased `pulse_src`. */
  projection: string;
  kind: SourceKind;
  /** Null and conversion checks. */
  conversion: Check[];
  /** Range and date checks on the typed value (written on `safe`). */
  value: Check[];
  /** The value in the contract's type; valid only where the conversion checks passed. */
  typed: string;
  /** `typed` guarded by the conversion checks: null instead of a cast error on a bad row. */
  safe: string;
}

const NUMBER = '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,2})?';
const INTEGER = '[+-]?[0-9]+';
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export interface PlanColumnInput {
  spec: ColumnSpec;
  /** The source's type name for the column; undefined when the source lacks it (read as null). */
  sourceType: string | undefined;
  dialect: Dialect;
  today: string;
  pastDate: boolean;
}

export function planColumn({ spec, sourceType, dialect, today, pastDate }: PlanColumnInput): ColumnPlan {
  const sqlType = SQL_TYPE[spec.type];
  if (sourceType === undefined) {
    const typed = `cast(null as ${sqlType})`;
    return { spec, projection: typed, kind: 'other', conversion: [], value: [], typed, safe: typed };
  }
  const raw = col('pulse_src', spec.name);
  const found = sourceKind(sourceType);
  const direct = readsDirectly(spec.type, found);
  // A kind the contract type is not read from (a boolean units, a TIMESTAMPTZ day) is checked as its text.
  const kind: SourceKind = direct ? found : 'text';
  const projection = direct ? raw : `cast(${raw} as text)`;
  const c = col('s', spec.name);
  const check = (code: string, cond: string, guard = true): Check => ({ key: `${code}:${spec.name}`, cond, nullable: spec.nullable, guard });
  const { checks, typed } = convert(spec.type, kind, c, dialect, check);
  const guards = checks.filter((k) => k.guard);
  const safe = guards.length > 0 ? `case ${guards.map((k) => `when ${k.cond} then null`).join(' ')} else ${typed} end` : typed;
  const conversion = spec.nullable ? checks : [{ key: `null:${spec.name}`, cond: `${c} is null`, nullable: false, guard: false }, ...checks];
  return { spec, projection, kind, conversion, value: valueChecks(spec, safe, today, pastDate), typed, safe };
}

type MakeCheck = (code: string, cond: string, guard?: boolean) => Check;

function convert(type: ColumnSpec['type'], kind: SourceKind, c: string, dialect: Dialect, check: MakeCheck): { checks: Check[]; typed: string } {
  const t = `trim(${c})`;
  const outside = (e: string): string => `(${e} not between ${INT_MIN} and ${INT_MAX})`;
  switch (type) {
    case 'text':
      return { checks: [], typed: c };
    case 'number':
      if (kind === 'text') {
        // Length first: PostgreSQL raises on a float literal beyond 1e308 instead of returning null.
        const cond = `case when length(${t}) > 40 then true else not ${fullMatch(dialect, t, NUMBER)} end`;
        return { checks: [check('not_a_number', cond)], typed: `cast(${t} as double precision)` };
      }
      // NaN and infinities are doubles too: rejected, but casting them is no error, so no guard.
      return { checks: kind === 'number' ? [check('not_finite', notFinite(dialect, c), false)] : [], typed: `cast(${c} as double precision)` };
    case 'integer':
      if (kind === 'text') {
        const isInt = fullMatch(dialect, t, INTEGER);
        // The range check repeats the pattern so that it is safe alone: the bigint cast only sees digits.
        const range = `case when not ${isInt} then false when length(${t}) > 11 then true else ${outside(`cast(${t} as bigint)`)} end`;
        return { checks: [check('not_an_integer', `not ${isInt}`), check('out_of_range', range)], typed: `cast(${t} as integer)` };
      }
      if (kind === 'number') {
        const checks = [check('not_finite', notFinite(dialect, c)), check('not_an_integer', `(${c} <> floor(${c}))`), check('out_of_range', outside(c))];
        return { checks, typed: `cast(${c} as integer)` };
      }
      return { checks: kind === 'integer' ? [check('out_of_range', outside(c))] : [], typed: `cast(${c} as integer)` };
    case 'date':
      if (kind === 'text') return { checks: [check('bad_date', badDate(dialect, t))], typed: `cast(${t} as date)` };
      return { checks: [], typed: kind === 'timestamp' ? `cast(${c} as date)` : c };
  }
}

/**
 * A text date must be `YYYY-MM-DD` and name a real day. The calendar is checked with integer
 * arithmetic rather than DuckDB's try_cast or a PostgreSQL function with an exception handler:
 * both dialects then accept exactly the same strings, and nothing is created in the session (a
 * read replica or a read-only role can still be validated).
 */
function badDate(dialect: Dialect, t: string): string {
  const part = (from: number, len: number): string => `cast(substr(${t}, ${from}, ${len}) as integer)`;
  const [y, m, d] = [part(1, 4), part(6, 2), part(9, 2)];
  const leap = `((${y} % 4 = 0 and ${y} % 100 <> 0) or ${y} % 400 = 0)`;
  const days = `case when ${m} = 2 then (case when ${leap} then 29 else 28 end) when ${m} in (4, 6, 9, 11) then 30 else 31 end`;
  return `case when not ${fullMatch(dialect, t, DATE)} then true when ${y} < 1 or ${m} < 1 or ${m} > 12 or ${d} < 1 then true else ${d} > ${days} end`;
}

/** Written on the guarded value, so a bad row yields null here (caught by its conversion check), never a cast error. */
function valueChecks(spec: ColumnSpec, safe: string, today: string, pastDate: boolean): Check[] {
  const checks: Check[] = [];
  const check = (code: string, cond: string): Check => ({ key: `${code}:${spec.name}`, cond, nullable: spec.nullable, guard: false });
  if (spec.min !== undefined) {
    const code = spec.min !== 0 ? 'below_min' : spec.minExclusive ? 'not_positive' : 'negative';
    checks.push(check(code, `${safe} ${spec.minExclusive ? '<=' : '<'} ${spec.min}`));
  }
  if (pastDate) checks.push(check('future_date', `${safe} > ${dateLiteral(today)}`));
  return checks;
}
