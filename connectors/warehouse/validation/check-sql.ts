import { MODELS } from '../../../src/domain/contract';
import { sqlLiteral } from '../identifiers';
import { column, rawRelation, rowChecks, type ModelPlan } from './model-plan';

/**
 * The validation queries. Each model is read through `pulse_chk`: the source's rows with
 * `pulse_reason`, the key of the first check the row fails (null when it passes). The checks are
 * one CASE, so a row is read once and its reasons are mutually exclusive: counts per reason add
 * up to the rejected rows.
 */

/** A model source and its plan: what every builder needs. */
export interface PlannedSource {
  plan: ModelPlan;
  /** `Warehouse.modelSource` output: already a quoted table or a checked subquery. */
  source: string;
}

export function reasonCase(plan: ModelPlan, withAccounts: boolean): string {
  const whens = rowChecks(plan).map((c) => `when ${c.cond} then ${sqlLiteral(c.key)}`);
  // pulse_acct is joined on the account id: no match means unknown, a match without exactly one valid row means the accounts row was rejected.
  if (withAccounts) whens.push(`when a.account_id is null then 'unknown_account'`, `when a.n_valid <> 1 then 'rejected_account'`);
  return whens.length > 0 ? `case ${whens.join(' ')} end` : 'cast(null as text)';
}

/** The per-row checks as a predicate (true = passes), for the clean CTEs. */
export function passesRowChecks(plan: ModelPlan): string {
  const whens = rowChecks(plan).map((c) => `when ${c.cond} then false`);
  return whens.length > 0 ? `case ${whens.join(' ')} else true end` : 'true';
}

/**
 * `pulse_acct`: each account id in `accounts` with how many of its rows pass the row checks.
 * The accounts model is small (one row per account), so grouping it is cheap.
 */
export function accountsStatusCte(accounts: PlannedSource): string {
  const id = column(accounts.plan, 'account_id').safe;
  return (
    `pulse_acct as (select ${id} as account_id, count(*) filter (where ${reasonCase(accounts.plan, false)} is null) as n_valid ` +
    `from ${rawRelation(accounts.plan, accounts.source)} group by ${id})`
  );
}

/** The CTEs (without WITH) defining `pulse_chk` for a model; other models also get `pulse_acct`. */
export function checkedCtes(target: PlannedSource, accounts: PlannedSource): string {
  const withAccounts = target.plan.model !== 'accounts';
  const join = withAccounts ? ` left join pulse_acct as a on a.account_id = ${column(target.plan, 'account_id').safe}` : '';
  const chk = `pulse_chk as (select s.*, ${reasonCase(target.plan, withAccounts)} as pulse_reason from ${rawRelation(target.plan, target.source)}${join})`;
  return withAccounts ? `${accountsStatusCte(accounts)}, ${chk}` : chk;
}

/** Rows per reason (null = passing), in one scan. */
export function countsSql(target: PlannedSource, accounts: PlannedSource): string {
  return `with ${checkedCtes(target, accounts)} select pulse_reason as reason, count(*) as n from pulse_chk group by pulse_reason`;
}

/** The first `limit` rejected rows with every contract column as the source holds it, for the report. */
export function detailSql(target: PlannedSource, accounts: PlannedSource, limit: number): string {
  return `with ${checkedCtes(target, accounts)} select * from pulse_chk where pulse_reason is not null limit ${Math.floor(limit)}`;
}

/** The key of a model as typed expressions over `s`, aliased k0, k1, ... */
export function keyExprs(plan: ModelPlan): string[] {
  return MODELS[plan.model].key.map((k) => column(plan, k).safe);
}
