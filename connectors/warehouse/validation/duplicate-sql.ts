import { MODELS } from '../../../src/domain/contract';
import { sqlLiteral } from '../identifiers';
import type { Dialect } from '../types';
import { checkedCtes, keyExprs, type PlannedSource } from './check-sql';
import { column, type ModelPlan } from './model-plan';
import { dateLiteral } from './sql';

/**
 * Duplicate keys without grouping by the whole key. Grouping 27M usage rows by
 * (account_id, day, use_case, team) builds a 27M-entry hash table (seconds); instead rows are
 * grouped by the key without its date plus a 64-day block of the date, and each group ORs one
 * bit per day. A group whose row count exceeds its number of set bits holds a repeated key. That
 * is exact (no false negatives, no false positives) and needs a hash table the size of
 * accounts × cells × blocks. Only flagged groups are then grouped by the full key.
 */

/** The date column of the key that is split into blocks, if the key has one. */
export function blockColumn(plan: ModelPlan): string | undefined {
  return MODELS[plan.model].key.find((k) => column(plan, k).spec.type === 'date');
}

/** Days since 0001-01-01: never negative for a valid date, so `% 64` is a bit index in both dialects. */
function dayNumber(plan: ModelPlan, name: string): string {
  return `(${column(plan, name).safe} - ${dateLiteral('0001-01-01')})`;
}

/** Group expressions g0.. (the key without the block column, then the block number) and the distinct-key count per group. */
export function blockGroups(plan: ModelPlan): { groups: string[]; distinct: string } {
  const date = blockColumn(plan);
  const rest = MODELS[plan.model].key.filter((k) => k !== date).map((k) => column(plan, k).safe);
  if (date === undefined) return { groups: rest, distinct: '1' };
  const x = dayNumber(plan, date);
  return { groups: [...rest, `(${x} - ${x} % 64)`], distinct: popcount(plan.dialect, `cast(${x} % 64 as integer)`) };
}

function popcount(dialect: Dialect, bit: string): string {
  return dialect === 'duckdb'
    ? `bit_count(bit_or(cast(1 as ubigint) << ${bit}))`
    : `bit_count(cast(bit_or(cast(1 as bigint) << ${bit}) as bit(64)))`;
}

const aliases = (n: number, prefix: string): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');

/**
 * One scan for the counts and the duplicate pre-check: rows per reason, and for passing rows the
 * number of groups that hold a repeated key.
 */
export function countsAndFlagsSql(target: PlannedSource, accounts: PlannedSource): string {
  const { groups, distinct } = blockGroups(target.plan);
  const g = groups.map((e, i) => `${e} as g${i}`).join(', ');
  return (
    `with ${checkedCtes(target, accounts)}, pulse_g as (select pulse_reason, count(*) as n, ${distinct} as d ` +
    `from (select s.*, ${g} from pulse_chk as s) as s group by pulse_reason, ${aliases(groups.length, 'g')}) ` +
    `select pulse_reason as reason, sum(n) as total, count(*) filter (where pulse_reason is null and n <> d) as flagged ` +
    `from pulse_g group by pulse_reason`
  );
}

/** The flagged groups themselves (g0.. as text or numbers), at most `limit`. */
export function flaggedGroupsSql(target: PlannedSource, accounts: PlannedSource, limit: number): string {
  const { groups, distinct } = blockGroups(target.plan);
  const g = groups.map((e, i) => `${e} as g${i}`).join(', ');
  return (
    `with ${checkedCtes(target, accounts)} select ${aliases(groups.length, 'g')} from (select s.*, ${g} from pulse_chk as s ` +
    `where s.pulse_reason is null) as s group by ${aliases(groups.length, 'g')} having count(*) <> ${distinct} limit ${limit}`
  );
}

/**
 * The duplicated keys (k0.. as typed), each with its row count and the totals over all of them,
 * ordered by key, at most `limit`. `flagged` restricts the scan to groups from the pre-check.
 */
export function duplicateKeysSql(target: PlannedSource, accounts: PlannedSource, limit: number, flagged?: unknown[][]): string {
  const keys = keyExprs(target.plan);
  const k = keys.map((e, i) => `${e} as k${i}`).join(', ');
  const ks = aliases(keys.length, 'k');
  const restrict = flagged ? ` and ${inFlagged(target.plan, flagged)}` : '';
  return (
    `with ${checkedCtes(target, accounts)}, pulse_dup as (select ${ks}, count(*) as n from (select ${k} from pulse_chk as s ` +
    `where s.pulse_reason is null${restrict}) as v group by ${ks} having count(*) > 1) ` +
    `select ${ks}, n, count(*) over () as pulse_keys, sum(n) over () as pulse_rows from pulse_dup order by ${ks} limit ${limit}`
  );
}

function inFlagged(plan: ModelPlan, flagged: unknown[][]): string {
  const { groups } = blockGroups(plan);
  const date = blockColumn(plan);
  const rest = MODELS[plan.model].key.filter((k) => k !== date).map((k) => column(plan, k).spec.type);
  const literal = (v: unknown, i: number): string => {
    if (i >= rest.length) return String(Number(v)); // the block number
    return rest[i] === 'date' ? dateLiteral(String(v)) : sqlLiteral(String(v));
  };
  const values = flagged.map((row) => `(${row.map(literal).join(', ')})`).join(', ');
  const match = groups.map((e, i) => `f.g${i} = ${e}`).join(' and ');
  return `exists (select 1 from (values ${values}) as f(${aliases(groups.length, 'g')}) where ${match})`;
}
