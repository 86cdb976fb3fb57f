import { MODELS } from '../../domain/contract';
import { sqlLiteral } from '../identifiers';
import { accountsStatusCte, checkedCtes, keyExprs, reasonCase, type PlannedSource } from './check-sql';
import { column, rawRelation, rowChecks, type ModelPlan } from './model-plan';
import { dateLiteral } from './sql';

/**
 * Duplicate keys without grouping by the whole key. Grouping 27M usage rows by
 * (account_id, day, use_case, team) builds a 27M-entry hash table (seconds); instead rows are
 * grouped by account, the rest of the key without its date, and a 64-day block of the date, and
 * each group ORs one bit per day. A group with more rows than set bits holds a repeated key; a
 * group without repeats has exactly as many. DuckDB groups the rest of the key by a hash, cheaper
 * than strings: two cells colliding in one group can only add a false flag (their days may
 * overlap), never hide a repeat, and a flag only triggers the exact search, which groups by the
 * full key over the flagged accounts only.
 */

/** The date column of the key that is split into blocks, if the key has one. */
export function blockColumn(plan: ModelPlan): string | undefined {
  return MODELS[plan.model].key.find((k) => column(plan, k).spec.type === 'date');
}

/** Group expressions besides the account id, and the distinct-key count per group (see above). */
export function blockGroups(plan: ModelPlan): { groups: string[]; distinct: string } {
  const date = blockColumn(plan);
  const rest = MODELS[plan.model].key.filter((k) => k !== date && k !== 'account_id').map((k) => column(plan, k).safe);
  if (date === undefined) return { groups: rest, distinct: '1' };
  // Days since 0001-01-01: never negative for a valid date, so `% 64` is a bit index in both dialects.
  const x = `(${column(plan, date).safe} - ${dateLiteral('0001-01-01')})`;
  const cells = plan.dialect === 'duckdb' && rest.length > 0 ? [`hash(${rest.join(', ')})`] : rest;
  const distinct =
    plan.dialect === 'duckdb'
      ? `bit_count(bit_or(cast(1 as ubigint) << cast(${x} % 64 as ubigint)))`
      : `bit_count(cast(bit_or(cast(1 as bigint) << cast(${x} % 64 as integer)) as bit(64)))`;
  return { groups: [...cells, `(${x} - ${x} % 64)`], distinct };
}

const aliases = (n: number, prefix: string): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');

/** `pulse_a, g0, g1, ...`: what the pre-check groups by. */
function groupList(plan: ModelPlan): string {
  return ['pulse_a', ...blockGroups(plan).groups.map((_, i) => `g${i}`)].join(', ');
}

/** Rows of relation `s` with the group expressions as g0.. and the account id as pulse_a. */
function withGroups(plan: ModelPlan, extra: string, from: string): string {
  const g = blockGroups(plan).groups.map((e, i) => `, ${e} as g${i}`).join('');
  return `(select ${extra}${g}, ${column(plan, 'account_id').safe} as pulse_a from ${from}) as s`;
}

/**
 * One scan for the counts and the duplicate pre-check. The row checks run per row; the account
 * checks run per group after grouping (the account id is a group column), so the accounts are
 * joined to some 500k groups rather than probed by 30M rows. The groups are materialized (they
 * are few) and read twice: rows of kind 'c' are counts per reason (null = passing) with the
 * number of flagged groups; rows of kind 'f' are the accounts with a flagged group, at most
 * `accountLimit`.
 */
export function preCheckSql(target: PlannedSource, accounts: PlannedSource, accountLimit: number): string {
  const { plan } = target;
  const { distinct } = blockGroups(plan);
  const rowReason = reasonCase(plan, false);
  const from = withGroups(plan, `s.*, ${rowReason} as pulse_r`, rawRelation(plan, target.source));
  const grouped = `select pulse_r, ${groupList(plan)}, count(*) as n, ${distinct} as d from ${from} group by pulse_r, ${groupList(plan)}`;
  const checks = rowChecks(plan).length;
  const account = `case when g.pulse_r is not null then g.pulse_r when a.account_id is null then ${checks + 1} when a.n_valid <> 1 then ${checks + 2} end`;
  const groups =
    plan.model === 'accounts'
      ? `pulse_g as materialized (select pulse_r as pulse_reason, pulse_a, n, d from (${grouped}) as g)`
      : `${accountsStatusCte(accounts)}, pulse_g as materialized (select ${account} as pulse_reason, g.pulse_a, n, d from (${grouped}) as g ` +
        `left join pulse_acct as a on a.account_id = g.pulse_a)`;
  return (
    `with ${groups} select 'c' as kind, pulse_reason as reason, sum(n) as total, ` +
    `count(*) filter (where pulse_reason is null and n <> d) as flagged, cast(null as text) as account_id from pulse_g group by pulse_reason ` +
    `union all select * from (select 'f', cast(null as integer), cast(null as bigint), cast(null as bigint), pulse_a from pulse_g where pulse_reason is null and n <> d ` +
    `group by pulse_a limit ${accountLimit}) as f`
  );
}

/**
 * The duplicated keys (k0.. as typed), each with its row count and the totals over all of them,
 * ordered by key, at most `limit`. `accountIds` restricts the search to those accounts.
 */
export function duplicateKeysSql(target: PlannedSource, accounts: PlannedSource | null, limit: number, accountIds?: string[]): string {
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
