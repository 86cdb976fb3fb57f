import { MODEL_NAMES, type ModelName } from '../../domain/contract';
import type { Warehouse } from '../port';
import { splitColumn } from './kept-report';
import { accountsOf, planSources } from './plan-sources';
import { checkDay } from './sql';
import type { ModelValidation, ValidateOptions, ValidationRejectedRow, ValidationReport } from './types';
import { openKeptSession, validateSplit } from './validate-kept';
import { validateModel } from './validate-model';

export const DEFAULT_DETAIL_LIMIT = 10_000;
export { DUPLICATE_KEY_LIMIT } from './validate-model';

/**
 * Checks every model against the warehouse contract, in SQL, without copying rows into JS:
 * per model one scan for counts per reason and a duplicate pre-check, then, only when something
 * was found, a scan for up to `detailLimit` rejected rows and one for the duplicated keys.
 *
 * A row is rejected for the first check it fails, in column order; `unknown_account` means its
 * account_id is not in `accounts`, `rejected_account` that its accounts row was itself rejected.
 * Duplicates are looked for among rows that pass every other check, and every row of a
 * duplicated key is rejected: which copy is right cannot be known, so the admin fixes the source
 * and the next run reads the rows again. A missing required column throws a PulseError; nothing
 * else stops the run.
 *
 * With `kept`, the daily models' rows through the day of the last kept report are not validated
 * again while they are unchanged (kept-report.ts); the report is the same either way.
 */
export async function validateWarehouse(wh: Warehouse, options: ValidateOptions): Promise<ValidationReport> {
  const today = checkDay(options.today, 'validation.today');
  const detailLimit = options.detailLimit ?? DEFAULT_DETAIL_LIMIT;
  const planned = await planSources(wh, today);
  const accounts = accountsOf(planned);
  const session = options.kept === undefined ? null : await openKeptSession(wh, options.kept, accounts, today, detailLimit);
  const models = {} as Record<ModelName, ModelValidation>;
  const rejected: ValidationRejectedRow[] = [];
  for (const model of MODEL_NAMES) {
    const target = planned[model];
    if (!target) {
      models[model] = absent();
      continue;
    }
    const dayColumn = splitColumn(model);
    const result = session !== null && dayColumn !== undefined ? await validateSplit(wh, target, accounts, dayColumn, session) : await validateModel(wh, target, accounts, detailLimit);
    models[model] = result.validation;
    rejected.push(...result.detail);
  }
  if (session !== null) await options.kept?.keeper.save({ through: session.keepThrough, models: session.next });
  return { today, detailLimit, models, rejected, truncated: MODEL_NAMES.some((m) => models[m].detailTruncated) };
}

function absent(): ModelValidation {
  const duplicates = { count: 0, keys: [] };
  return { present: false, rows: 0, rejected: 0, byReason: {}, detailKept: 0, detailTruncated: false, sourceTypes: {}, missingOptionalColumns: [], duplicates };
}
