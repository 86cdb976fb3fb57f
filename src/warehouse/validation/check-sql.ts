import { MODELS } from '../../domain/contract';
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

/** The reason keys `pulse_reason` numbers: reason n is `reasonKeys(plan, ...)[n - 1]`. */
export function reasonKeys(plan: ModelPlan, withAccounts: boolean): string[] {
  const keys = rowChecks(plan).map((c) => c.key);
  return withAccounts ? [...keys, 'unknown_account', 'rejected_account'] : keys;
}

/**
 * The number of the first failing check (see `reasonKeys`), null when the row passes. A number,
 * not the key text: building a string for each of 30M rows costs more than the checks.
 */
export function reasonCase(plan: ModelPlan, withAccounts: boolean): string {
  const whens = rowChecks(plan).map((c) => c.cond);
  // pulse_acct is joined on the account id: no match means unknown, a match without exactly one valid row means the accounts row was rejected.
  if (withAccounts) whens.push('a.account_id is null', 'a.n_valid <> 1');
  return whens.length > 0 ? `case ${whens.map((w, i) => `when ${w} then ${i + 1}`).join(' ')} end` : 'cast(null as integer)';
}

/**
 * The per-row checks as one predicate (true = passes), for the clean CTEs: a plain AND of
 * negated checks (each is safe alone), which the engine can reorder and push into the scan.
 */
export function passesRowChecks(plan: ModelPlan): string {
  const passes = rowChecks(plan).map((c) => (c.nullable ? `not coalesce(${c.cond}, false)` : `not (${c.cond})`));
  return passes.length > 0 ? passes.join(' and ') : 'true';
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

/**
 * The CTEs (without WITH) defining `pulse_chk` for a model. With `accounts`, models other than
 * accounts also get the account checks (a join per row); pass null when the caller knows no row
 * can fail them (none did in the pre-check, or only valid accounts are read), to save the join.
 */
export function checkedCtes(target: PlannedSource, accounts: PlannedSource | null): string {
  const withAccounts = accounts !== null && target.plan.model !== 'accounts';
  const join = withAccounts ? ` left join pulse_acct as a on a.account_id = ${column(target.plan, 'account_id').safe}` : '';
  const chk = `pulse_chk as (select s.*, ${reasonCase(target.plan, withAccounts)} as pulse_reason from ${rawRelation(target.plan, target.source)}${join})`;
  return withAccounts ? `${accountsStatusCte(accounts)}, ${chk}` : chk;
}

/** The first `limit` rejected rows with every contract column as the source holds it, for the report. */
export function detailSql(target: PlannedSource, accounts: PlannedSource | null, limit: number): string {
  return `with ${checkedCtes(target, accounts)} select * from pulse_chk where pulse_reason is not null limit ${Math.floor(limit)}`;
}

/** The key of a model as typed expressions over `s`, aliased k0, k1, ... */
export function keyExprs(plan: ModelPlan): string[] {
  return MODELS[plan.model].key.map((k) => column(plan, k).safe);
}
