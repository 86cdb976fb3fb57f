import { MODEL_NAMES, MODELS, type ModelName } from '../../domain/contract';
import { PulseError } from '../../errors';
import { sqlLiteral } from '../identifiers';
import type { Warehouse } from '../port';
import { passesRowChecks, type PlannedSource } from './check-sql';
import { column, rawRelation } from './model-plan';
import { planSources } from './plan-sources';
import { dateLiteral } from './sql';
import type { ModelValidation, ValidationReport } from './types';

/**
 * CTE definitions (no leading WITH) named `m_<model>`, one per present model, holding exactly the
 * rows validation passed, in the contract's names and types. The aggregation SQL starts
 * `with <these>, ...`. Without rejects a CTE is a filtered scan of its source: no join, no
 * grouping over the usage table.
 *
 * The CTEs apply the report they are given, as a snapshot: the per-row checks are inline, but the
 * semi-join on m_accounts is added only to models where validation met rows of unknown or rejected
 * accounts (probing 30M rows against the accounts costs several times the scan), and duplicated
 * keys are excluded by value. Rows written to the warehouse after validation get the per-row checks only.
 */
export async function cleanModelCtes(wh: Warehouse, report: ValidationReport): Promise<{ sql: string; present: Set<ModelName> }> {
  // Plan from the report's column types, so the CTEs read the sources exactly as validation did.
  const planned = await planSources(wh, report.today, (m) => (report.models[m].present ? report.models[m].sourceTypes : null));
  const present = new Set<ModelName>();
  const ctes: string[] = [];
  for (const model of MODEL_NAMES) {
    const target = planned[model];
    if (!report.models[model].present) continue;
    if (!target) {
      throw new PulseError('WAREHOUSE_MODEL_MISSING', `warehouse.models.${model}: the model was validated but is gone from the warehouse`, {
        place: `warehouse.models.${model}`,
      });
    }
    present.add(model);
    ctes.push(`m_${model} as (${cleanSelect(target, report.models[model])})`);
  }
  return { sql: ctes.join(',\n'), present };
}

/** The passing rows of one model: row checks inline, then the account semi-join and the duplicate anti-join. */
export function cleanSelect(target: PlannedSource, validation: ModelValidation): string {
  const { plan } = target;
  const candidates = candidateSelect(target);
  const keyed = plan.model !== 'accounts';
  const inAccounts = `t."account_id" in (select "account_id" from m_accounts)`;
  const accountRejects = (validation.byReason.unknown_account ?? 0) + (validation.byReason.rejected_account ?? 0);
  const conditions = keyed && accountRejects > 0 ? [inAccounts] : [];
  let join = '';
  if (validation.duplicates.count > 0) {
    // A LEFT JOIN ... IS NULL, not NOT EXISTS: DuckDB plans the correlated NOT EXISTS as a
    // duplicate-eliminating join over every row of the model (4 s on 27M rows, against 0.2 s).
    const keys = MODELS[plan.model].key;
    const names = keys.map((_, i) => `k${i}`).join(', ');
    const match = keys.map((k, i) => `d.k${i} = t."${k}"`).join(' and ');
    join = ` left join ${duplicateSet(target, validation, keyed ? inAccounts : 'true')} as d(${names}) on ${match}`;
    conditions.push('d.k0 is null');
  }
  return conditions.length === 0 ? candidates : `select t.* from (${candidates}) as t${join} where ${conditions.join(' and ')}`;
}

/** Rows passing the per-row checks, typed (casts guarded, so a pushed-down filter cannot hit a bad row). */
function candidateSelect(target: PlannedSource): string {
  const { plan } = target;
  const cols = plan.columns.map((c) => `${c.safe} as "${c.spec.name}"`).join(', ');
  return `select ${cols} from ${rawRelation(plan, target.source)} where ${passesRowChecks(plan)}`;
}

/**
 * The duplicated keys to exclude: by value when the report holds them all (the usual case: a few
 * keys), else grouped again in SQL, which costs a grouping but only when the source is that broken.
 */
function duplicateSet(target: PlannedSource, validation: ModelValidation, accountFilter: string): string {
  const { plan } = target;
  const { count, keys } = validation.duplicates;
  if (keys.length >= count) {
    const types = MODELS[plan.model].key.map((k) => column(plan, k).spec.type);
    const literal = (v: string, i: number): string => (types[i] === 'date' ? dateLiteral(v) : sqlLiteral(v));
    return `(values ${keys.map((k) => `(${k.map(literal).join(', ')})`).join(', ')})`;
  }
  const key = MODELS[plan.model].key.map((k) => `t."${k}"`).join(', ');
  return `(select ${key} from (${candidateSelect(target)}) as t where ${accountFilter} group by ${key} having count(*) > 1)`;
}
