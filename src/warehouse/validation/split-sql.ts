/**
 * The SQL of kept reports (kept-report.ts): a daily model's rows split by their day into the part a
 * kept report covers, the days since that this run keeps, and the rest (the latest days, the future,
 * rows without a valid day), and the fingerprints of those parts.
 */
import { accountsStatusCte, type PlannedSource } from './check-sql';
import { column, rawRelation, type ModelPlan } from './model-plan';
import { dateLiteral } from './sql';

/** The parts `partsSql` numbers. */
export const PART = { kept: 0, since: 1, rest: 2 } as const;

/** A row hash over the given expressions: exact-integer sums of it add up across parts in both engines. */
function rowHash(plan: ModelPlan, exprs: string[]): string {
  return plan.dialect === 'duckdb' ? `hash(${exprs.join(', ')})` : `hash_record_extended(row(${exprs.join(', ')}), 0)`;
}

/** The model's split day as a typed value, null on a row whose day is not a valid date (kept-report.ts splitColumn). */
function dayOf(plan: ModelPlan, dayColumn: string): string {
  return column(plan, dayColumn).safe;
}

/**
 * Per part (`PART`), the rows and the sum of their hashes, in one scan grouped by part only: `kept` is
 * the rows with a valid day through `through` (none when null), `since` those after it through
 * `keepThrough`, `rest` every other row.
 */
export function partsSql(target: PlannedSource, dayColumn: string, through: string | null, keepThrough: string): string {
  const { plan } = target;
  const day = dayOf(plan, dayColumn);
  const kept = through === null ? 'false' : `${day} <= ${dateLiteral(through)}`;
  const part = `case when ${kept} then ${PART.kept} when ${day} <= ${dateLiteral(keepThrough)} then ${PART.since} else ${PART.rest} end`;
  const hash = rowHash(plan, plan.columns.map((c) => `s."${c.spec.name}"`));
  // The sum as text: the warehouse port reads numbers as JS numbers, exact only to 2^53.
  return `select p, count(*) as n, cast(sum(h) as text) as h from (select ${part} as p, ${hash} as h from ${rawRelation(plan, target.source)}) as t group by p`;
}

/** The accounts' ids and validity (all the account checks read), as one fingerprint. */
export function accountStatusSql(accounts: PlannedSource): string {
  return `with ${accountsStatusCte(accounts)} select count(*) as n, cast(sum(${rowHash(accounts.plan, ['account_id', 'n_valid'])}) as text) as h from pulse_acct`;
}

/** Rows outside the kept part: a day after `through`, or no valid day. */
export function rowsAfter(target: PlannedSource, dayColumn: string, through: string): PlannedSource {
  return restricted(target, `not coalesce(${dayOf(target.plan, dayColumn)} <= ${dateLiteral(through)}, false)`);
}

/** Rows with a valid day after `after` (when given) through `through`. */
export function rowsThrough(target: PlannedSource, dayColumn: string, after: string | null, through: string): PlannedSource {
  const day = dayOf(target.plan, dayColumn);
  return restricted(target, `${day} <= ${dateLiteral(through)}${after === null ? '' : ` and ${day} > ${dateLiteral(after)}`}`);
}

/** Validation reads the restricted rows like any source: `rawRelation` projects the raw relation's columns again, unchanged. */
function restricted(target: PlannedSource, where: string): PlannedSource {
  return { plan: target.plan, source: `(select s.* from ${rawRelation(target.plan, target.source)} where ${where})` };
}
