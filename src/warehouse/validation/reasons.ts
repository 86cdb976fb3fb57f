import { MODELS, type ModelName } from '../../domain/contract';
import type { Row } from '../port';
import type { ReasonCode } from './types';

/**
 * Readable reasons for the run report. The SQL yields a reason key (`negative:units`); the
 * sentence is written here from the key and the row as the source held it, so both dialects
 * produce the same words for the same row.
 */

export function splitReasonKey(key: string): { code: ReasonCode; column: string | undefined } {
  const at = key.indexOf(':');
  return at < 0 ? { code: key as ReasonCode, column: undefined } : { code: key.slice(0, at) as ReasonCode, column: key.slice(at + 1) };
}

/** A value as the admin would look for it in the source: text in quotes, numbers and dates bare. */
export function quoted(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function bare(value: unknown): string {
  return typeof value === 'string' ? value.trim() : quoted(value);
}

export function reasonText(model: ModelName, key: string, row: Row): string {
  const { code, column } = splitReasonKey(key);
  const c = column ?? 'account_id';
  const v = row[c];
  switch (code) {
    case 'null':
      return `${c} is null`;
    case 'not_a_number':
      return `${c} ${quoted(v)} is not a number`;
    case 'not_finite':
      return `${c} is not a finite number (${bare(v)})`;
    case 'not_an_integer':
      return `${c} ${quoted(v)} is not an integer`;
    case 'out_of_range':
      return `${c} ${quoted(v)} is out of range for an integer`;
    case 'bad_date':
      return `${c} ${quoted(v)} is not a valid date`;
    case 'negative':
      return `${c} is negative (${bare(v)})`;
    case 'not_positive':
      return `${c} must be > 0 (${bare(v)})`;
    case 'below_min': {
      const spec = MODELS[model].columns.find((s) => s.name === c);
      return `${c} must be ${spec?.minExclusive ? '>' : '>='} ${spec?.min ?? 0} (${bare(v)})`;
    }
    case 'future_date':
      return `${c} ${bare(v)} is in the future`;
    case 'period_reversed':
      return `period_end ${bare(row.period_end)} is before period_start ${bare(row.period_start)}`;
    case 'unknown_account':
      return `account_id ${quoted(v)} is not in accounts`;
    case 'rejected_account':
      return `account_id ${quoted(v)} is in accounts, but its accounts row was rejected`;
    case 'duplicate_key':
      return duplicateReason(model, 2);
  }
}

export function duplicateReason(model: ModelName, rows: number): string {
  return `duplicate key: ${rows} rows share (${MODELS[model].key.join(', ')})`;
}

/** The row's key values joined with `|`; a null part is left empty. */
export function keyText(model: ModelName, row: Row): string {
  return MODELS[model].key.map((k) => (row[k] === null || row[k] === undefined ? '' : bare(row[k]))).join('|');
}
