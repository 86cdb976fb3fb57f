import { MODELS, type ModelName } from '../../domain/contract';
import type { Row, Warehouse } from '../port';
import { detailSql, reasonKeys, type PlannedSource } from './check-sql';
import { duplicateKeysSql, preCheckSql } from './duplicate-sql';
import { byDetailOrder } from './kept-report';
import { duplicateReason, keyText, reasonText } from './reasons';
import type { DuplicateKeys, ModelValidation, ValidationRejectedRow } from './types';

/** Duplicated keys fetched per model: the clean CTEs exclude up to this many by value. */
export const DUPLICATE_KEY_LIMIT = 10_000;
/** Accounts with flagged groups to narrow the exact duplicate search to; beyond it the search reads every account. */
const FLAGGED_ACCOUNT_LIMIT = 1_000;

/** One model's report and up to `detailLimit` of its rejected rows, in report order. */
export interface ModelReport {
  validation: ModelValidation;
  detail: ValidationRejectedRow[];
}

/**
 * Validates the rows of one model source (see validateWarehouse): one scan for counts per reason and
 * the duplicate pre-check, then, only when something was found, the detail rows and the duplicated keys.
 */
export async function validateModel(wh: Warehouse, target: PlannedSource, accounts: PlannedSource, detailLimit: number): Promise<ModelReport> {
  const model = target.plan.model;
  const keys = reasonKeys(target.plan, model !== 'accounts');
  const keyOf = (reason: unknown): string => keys[Number(reason) - 1] ?? `unknown_reason_${String(reason)}`;
  const byReason: Record<string, number> = {};
  let rows = 0;
  let flagged = 0;
  const flaggedAccounts: string[] = [];
  for (const r of await wh.all(preCheckSql(target, accounts, FLAGGED_ACCOUNT_LIMIT + 1))) {
    if (r.kind === 'f') flaggedAccounts.push(String(r.account_id));
    else if (r.reason === null) [rows, flagged] = [rows + Number(r.total), Number(r.flagged)];
    else [rows, byReason[keyOf(r.reason)]] = [rows + Number(r.total), Number(r.total)];
  }
  // The per-row account join only where the pre-check saw rows fail the account checks.
  const accountChecks = byReason.unknown_account || byReason.rejected_account ? accounts : null;
  const detail: ValidationRejectedRow[] = [];
  if (Object.keys(byReason).length > 0 && detailLimit > 0) {
    for await (const chunk of wh.stream(detailSql(target, accountChecks, detailLimit))) {
      for (const row of chunk) detail.push(rejectedRow(model, keyOf(row.pulse_reason), row));
    }
  }
  // Narrowed to the flagged accounts unless there are too many to list.
  const narrow = flaggedAccounts.length <= FLAGGED_ACCOUNT_LIMIT ? flaggedAccounts : undefined;
  // Flagged accounts are valid ones, so a narrowed search needs no account checks.
  const search = flagged > 0 ? duplicateKeysSql(target, narrow ? null : accountChecks, DUPLICATE_KEY_LIMIT, narrow) : null;
  const duplicates = search ? await findDuplicates(wh, target.plan.model, search) : { count: 0, keys: [], rows: [], totalRows: 0 };
  if (duplicates.totalRows > 0) byReason.duplicate_key = duplicates.totalRows;
  for (const [i, key] of duplicates.keys.entries()) {
    const n = duplicates.rows[i] ?? 0;
    const entry = { model, key: key.join('|'), reason: duplicateReason(model, n), code: 'duplicate_key' };
    for (let copy = 0; copy < n && detail.length < detailLimit; copy++) detail.push({ ...entry });
  }
  const rejected = Object.values(byReason).reduce((a, b) => a + b, 0);
  detail.sort(byDetailOrder);
  const validation: ModelValidation = {
    present: true,
    rows,
    rejected,
    byReason,
    detailKept: detail.length,
    detailTruncated: detail.length < rejected,
    sourceTypes: target.plan.sourceTypes,
    missingOptionalColumns: target.plan.missingOptionalColumns,
    duplicates: { count: duplicates.count, keys: duplicates.keys },
  };
  return { validation, detail };
}

function rejectedRow(model: ModelName, code: string, row: Row): ValidationRejectedRow {
  return { model, key: keyText(model, row), reason: reasonText(model, code, row), code };
}

/** Exact duplicated keys, with their row counts. */
async function findDuplicates(wh: Warehouse, model: ModelName, sql: string): Promise<DuplicateKeys & { rows: number[]; totalRows: number }> {
  const found = await wh.all(sql);
  const width = MODELS[model].key.length;
  const keys = found.map((r) => Array.from({ length: width }, (_, i) => String(r[`k${i}`])));
  const first = found[0];
  // The window totals count every duplicated key, also those beyond the fetch limit.
  return { count: Number(first?.pulse_keys ?? 0), keys, rows: found.map((r) => Number(r.n)), totalRows: Number(first?.pulse_rows ?? 0) };
}
