import type { ColumnSpec } from '../../../src/domain/contract';
import type { Dialect } from '../types';
import { readsDirectly, sourceKind, type SourceKind } from './source-kind';
import { col, dateLiteral, fullMatch, notFinite, SQL_TYPE } from './sql';

/** A check fails (the row is rejected under `key`) when `cond` is true; null counts as passing. */
export interface Check {
  key: string;
  cond: string;
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
  /** Null and conversion checks: after them, `typed` cannot fail. */
  conversion: Check[];
  /** Range and date checks on the typed value. */
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
  const conversion: Check[] = spec.nullable ? [] : [{ key: `null:${spec.name}`, cond: `${c} is null` }];
  const { checks, typed } = convert(spec, kind, c, dialect);
  conversion.push(...checks);
  const safe = checks.length > 0 ? `case ${checks.map((k) => `when ${k.cond} then null`).join(' ')} else ${typed} end` : typed;
  return { spec, projection, kind, conversion, value: valueChecks(spec, typed, today, pastDate), typed, safe };
}

function convert(spec: ColumnSpec, kind: SourceKind, c: string, dialect: Dialect): { checks: Check[]; typed: string } {
  const t = `trim(${c})`;
  const key = (code: string): string => `${code}:${spec.name}`;
  const inRange = (e: string): string => `(${e} not between ${INT_MIN} and ${INT_MAX})`;
  switch (spec.type) {
    case 'text':
      return { checks: [], typed: c };
    case 'number':
      if (kind === 'text') {
        // Length first: PostgreSQL raises on a float literal beyond 1e308 instead of returning null.
        const cond = `case when length(${t}) > 40 then true else not ${fullMatch(dialect, t, NUMBER)} end`;
        return { checks: [{ key: key('not_a_number'), cond }], typed: `cast(${t} as double precision)` };
      }
      return {
        checks: kind === 'number' ? [{ key: key('not_finite'), cond: notFinite(dialect, c) }] : [],
        typed: `cast(${c} as double precision)`,
      };
    case 'integer':
      if (kind === 'text') {
        return {
          checks: [
            { key: key('not_an_integer'), cond: `not ${fullMatch(dialect, t, INTEGER)}` },
            { key: key('out_of_range'), cond: `case when length(${t}) > 11 then true else ${inRange(`cast(${t} as bigint)`)} end` },
          ],
          typed: `cast(${t} as integer)`,
        };
      }
      if (kind === 'number') {
        return {
          checks: [
            { key: key('not_finite'), cond: notFinite(dialect, c) },
            { key: key('not_an_integer'), cond: `(${c} <> floor(${c}))` },
            { key: key('out_of_range'), cond: inRange(c) },
          ],
          typed: `cast(${c} as integer)`,
        };
      }
      return { checks: kind === 'integer' ? [{ key: key('out_of_range'), cond: inRange(c) }] : [], typed: `cast(${c} as integer)` };
    case 'date':
      if (kind === 'text') return { checks: [{ key: key('bad_date'), cond: badDate(dialect, t) }], typed: `cast(${t} as date)` };
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

function valueChecks(spec: ColumnSpec, typed: string, today: string, pastDate: boolean): Check[] {
  const checks: Check[] = [];
  if (spec.min !== undefined) {
    const code = spec.min !== 0 ? 'below_min' : spec.minExclusive ? 'not_positive' : 'negative';
    checks.push({ key: `${code}:${spec.name}`, cond: `${typed} ${spec.minExclusive ? '<=' : '<'} ${spec.min}` });
  }
  if (pastDate) checks.push({ key: `future_date:${spec.name}`, cond: `${typed} > ${dateLiteral(today)}` });
  return checks;
}
