import { MODELS } from '../../../src/domain/contract';
import { sqlLiteral } from '../identifiers';
import { checkedCtes, keyExprs, type PlannedSource } from './check-sql';
import { column, type ModelPlan } from './model-plan';
import { dateLiteral } from './sql';

/**
 * Duplicate keys without grouping by the whole key. Grouping 27M usage rows by
 * (account_id, day, use_case, team) builds a 27M-entry hash table (seconds); instead rows are
 * grouped by the key without its date plus a 64-day block of the date, and each group ORs one
 * bit per day. A group with more rows than set bits holds a repeated key; a group without
 * repeats has exactly as many. DuckDB groups on a hash of the non-date key columns, which is
 * cheaper than three strings: two cells colliding in one group can only add a false flag
 * (their days may overlap), never hide a repeat, and a flag only triggers the exact search.
 * The exact search groups by the full key, over the accounts of flagged groups only.
 */

/** The date column of the key that is split into blocks, if the key has one. */
export function blockColumn(plan: ModelPlan): string | undefined {
  return MODELS[plan.model].key.find((k) => column(plan, k).spec.type === 'date');
}

/** Group expressions and the distinct-key count per group (see above). */
export function blockGroups(plan: ModelPlan): { groups: string[]; distinct: string } {
  const date = blockColumn(plan);
  const rest = MODELS[plan.model].key.filter((k) => k !== date).map((k) => column(plan, k).safe);
  if (date === undefined) return { groups: rest, distinct: '1' };
  // Days since 0001-01-01: never negative for a valid date, so `% 64` is a bit index in both dialects.
  const x = `(${column(plan, date).safe} - ${dateLiteral('0001-01-01')})`;
  const cells = plan.dialect === 'duckdb' ? [`hash(${rest.join(', ')})`] : rest;
  const distinct =
    plan.dialect === 'duckdb'
      ? `bit_count(bit_or(cast(1 as ubigint) << cast(${x} % 64 as ubigint)))`
      : `bit_count(cast(bit_or(cast(1 as bigint) << cast(${x} % 64 as integer)) as bit(64)))`;
  return { groups: [...cells, `(${x} - ${x} % 64)`], distinct };
}

const aliases = (n: number, prefix: string): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');

/** `pulse_chk` rows with the group expressions as g0.., and the account id as pulse_a. */
function grouped(plan: ModelPlan, where: string): string {
  const g = blockGroups(plan).groups.map((e, i) => `${e} as g${i}`).join(', ');
  return `(select s.*, ${g}, ${column(plan, 'account_id').safe} as pulse_a from pulse_chk as s${where}) as s`;
}

/**
 * One scan for the counts and the duplicate pre-check: rows per reason, and for passing rows the
 * number of groups that hold a repeated key.
 */
export function countsAndFlagsSql(target: PlannedSource, accounts: PlannedSource): string {
  const { groups, distinct } = blockGroups(target.plan);
  return (
    `with ${checkedCtes(target, accounts)}, pulse_g as (select pulse_reason, count(*) as n, ${distinct} as d ` +
    `from ${grouped(target.plan, '')} group by pulse_reason, ${aliases(groups.length, 'g')}) ` +
    `select pulse_reason as reason, sum(n) as total, count(*) filter (where pulse_reason is null and n <> d) as flagged ` +
    `from pulse_g group by pulse_reason`
  );
}

/** The flagged groups' account ids (lo = hi unless a group spans accounts), at most `limit` groups. */
export function flaggedAccountsSql(target: PlannedSource, accounts: PlannedSource, limit: number): string {
  const { groups, distinct } = blockGroups(target.plan);
  return (
    `with ${checkedCtes(target, accounts)} select min(pulse_a) as lo, max(pulse_a) as hi from ${grouped(target.plan, ' where s.pulse_reason is null')} ` +
    `group by ${aliases(groups.length, 'g')} having count(*) <> ${distinct} limit ${limit}`
  );
}

/**
 * The duplicated keys (k0.. as typed), each with its row count and the totals over all of them,
 * ordered by key, at most `limit`. `accountIds` restricts the search to those accounts.
 */
export function duplicateKeysSql(target: PlannedSource, accounts: PlannedSource, limit: number, accountIds?: string[]): string {
  const keys = keyExprs(target.plan);
  const k = keys.map((e, i) => `${e} as k${i}`).join(', ');
  const ks = aliases(keys.length, 'k');
  const restrict = accountIds ? ` and ${column(target.plan, 'account_id').safe} in (${accountIds.map(sqlLiteral).join(', ')})` : '';
  return (
    `with ${checkedCtes(target, accounts)}, pulse_dup as (select ${ks}, count(*) as n from (select ${k} from pulse_chk as s ` +
    `where s.pulse_reason is null${restrict}) as v group by ${ks} having count(*) > 1) ` +
    `select ${ks}, n, count(*) over () as pulse_keys, sum(n) over () as pulse_rows from pulse_dup order by ${ks} limit ${limit}`
  );
}
