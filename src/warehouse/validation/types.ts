import type { ModelName, RejectedRow } from '../../domain/contract';
import type { ValidationKeeper } from './kept-report';

/**
 * Why a row was rejected. Column checks are reported per column in `byReason` as
 * `code:column` (`negative:units`, `bad_date:day`); the others stand alone (`duplicate_key`).
 */
export type ColumnReasonCode =
  | 'null'
  | 'not_a_number'
  | 'not_finite'
  | 'not_an_integer'
  | 'out_of_range'
  | 'bad_date'
  | 'negative'
  | 'not_positive'
  | 'below_min'
  | 'future_date';

export type RowReasonCode = 'period_reversed' | 'unknown_account' | 'rejected_account' | 'duplicate_key';

export type ReasonCode = ColumnReasonCode | RowReasonCode;

/** A rejected row for the run report: the contract's `RejectedRow` plus the stable reason code. */
export interface ValidationRejectedRow extends RejectedRow {
  /** The `byReason` key this row was counted under, e.g. `negative:units`. */
  code: string;
}

/** The keys shared by more than one valid row, as text (`YYYY-MM-DD` for dates), in key order. */
export interface DuplicateKeys {
  /** How many distinct keys are duplicated. */
  count: number;
  /** Up to `DUPLICATE_KEYS_INLINE` of them: the clean CTEs exclude these by value. */
  keys: string[][];
}

export interface ModelValidation {
  /** False for an optional model the warehouse does not have; its signals are null. */
  present: boolean;
  /** Rows the model source returned. */
  rows: number;
  /** Rows rejected (exact, whatever the detail limit). */
  rejected: number;
  /** Rejected rows per reason key; sums to `rejected`. */
  byReason: Record<string, number>;
  /** Rejected rows of this model kept in `ValidationReport.rejected`. */
  detailKept: number;
  /** True when more rows were rejected than kept in detail. */
  detailTruncated: boolean;
  /** The source's column types as the warehouse names them (what the checks were built for). */
  sourceTypes: Record<string, string>;
  /** Nullable contract columns the source lacks: read as null. */
  missingOptionalColumns: string[];
  duplicates: DuplicateKeys;
}

export interface ValidationReport {
  /** Today (UTC, `YYYY-MM-DD`): rows dated later are rejected as future. */
  today: string;
  /** The per-model detail limit in force. */
  detailLimit: number;
  models: Record<ModelName, ModelValidation>;
  /** The first `detailLimit` rejected rows per model, ordered by model, key, reason. */
  rejected: ValidationRejectedRow[];
  /** True when any model's detail was truncated (counts stay exact). */
  truncated: boolean;
}

export interface ValidateOptions {
  /** Today, UTC, as `YYYY-MM-DD`: the caller's clock, so a test or a replay can pin it. */
  today: string;
  /**
   * Rejected rows kept in detail per model; counts are exact beyond it.
   * @defaultValue 10000
   */
  detailLimit?: number;
  /**
   * Where reports are kept between runs (kept-report.ts): the daily models' rows through the kept day
   * are validated again only when they changed, or with `full`. The report is the same either way.
   */
  kept?: { keeper: ValidationKeeper; full: boolean };
}
