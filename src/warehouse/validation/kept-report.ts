/**
 * Kept validation reports. A daily model's rows through a day change little once that day has
 * passed, but validating them means grouping every row (the duplicate pre-check) each run. So a run
 * keeps, per daily model, the report of its rows dated through the day before yesterday (the latest
 * days are still being loaded: validate-kept.ts), with a fingerprint of those rows (count and sum of
 * a hash of every column). The next run validates only the rows dated after that day (and any
 * without a valid day) and adds the kept counts, rejected rows and duplicated keys.
 *
 * It trusts the kept report only while the rows through its day still hash to the fingerprint, the
 * accounts' ids and validity (what the account checks read) hash to what they did, and the source,
 * its column types and the detail limit are the same. Neither engine gives a plain table or a mapped
 * query a snapshot id, so the fingerprint is of the content: one scan grouped by part, not by key.
 *
 * Duplicates cannot span the two parts: the split is on the date column of the model's key.
 */
import { MODELS, type ModelName } from '../../domain/contract';
import type { ModelValidation, ValidationRejectedRow } from './types';

/** One daily model's report for its rows dated through `KeptValidation.through`. */
export interface KeptModelReport {
  /** What the report is trusted under (see `keptKey`). */
  key: string;
  validation: ModelValidation;
  /** Its rejected rows, the first `detailLimit` in report order. */
  detail: ValidationRejectedRow[];
}

export interface KeptValidation {
  /** The day (`YYYY-MM-DD`) the kept reports cover rows through: two days before the `today` of the run that kept them. */
  through: string;
  models: Partial<Record<ModelName, KeptModelReport>>;
}

/** Where runs find and keep their reports: the state store, per scope (an adapter in src/sync/state). */
export interface ValidationKeeper {
  load(): Promise<KeptValidation | null>;
  save(kept: KeptValidation): Promise<void>;
}

/** The models validated in two parts: the past-date column is also in the key, so no duplicate crosses the split. */
export function splitColumn(model: ModelName): string | undefined {
  const spec = MODELS[model];
  return spec.pastDates.find((c) => spec.key.includes(c));
}

/** Count and hash sum of some rows; adding two gives the fingerprint of both (the hash sums are exact integers). */
export interface Fingerprint {
  n: bigint;
  h: bigint;
}

export const addPrints = (a: Fingerprint, b: Fingerprint): Fingerprint => ({ n: a.n + b.n, h: a.h + b.h });

export function keptKey(parts: { source: string; sourceTypes: Record<string, string>; accounts: Fingerprint; detailLimit: number; rows: Fingerprint }): string {
  const print = (f: Fingerprint): string => `${f.n}:${f.h}`;
  return JSON.stringify([parts.source, parts.sourceTypes, print(parts.accounts), parts.detailLimit, print(parts.rows)]);
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < a.length; i++) {
    const c = byText(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
};

/** Rejected rows in report order: key, then reason. */
export const byDetailOrder = (a: ValidationRejectedRow, b: ValidationRejectedRow): number => byText(a.key, b.key) || byText(a.reason, b.reason);

/**
 * The report of two disjoint parts of a model's rows. Counts add up exactly. Each part holds up to
 * `detailLimit` rejected rows and its first `keyLimit` duplicated keys; the whole keeps the first of
 * both in report order. When nothing is cut that is every rejected row, as validating every row
 * gives; a cut detail holds rows the engine returned first, in a full run as well.
 */
export function mergeReports(
  a: { validation: ModelValidation; detail: ValidationRejectedRow[] },
  b: { validation: ModelValidation; detail: ValidationRejectedRow[] },
  limits: { detailLimit: number; keyLimit: number },
): { validation: ModelValidation; detail: ValidationRejectedRow[] } {
  const byReason = { ...a.validation.byReason };
  for (const [key, n] of Object.entries(b.validation.byReason)) byReason[key] = (byReason[key] ?? 0) + n;
  const rejected = a.validation.rejected + b.validation.rejected;
  const detail = [...a.detail, ...b.detail].sort(byDetailOrder).slice(0, limits.detailLimit);
  const keys = [...a.validation.duplicates.keys, ...b.validation.duplicates.keys].sort(byKey).slice(0, limits.keyLimit);
  return {
    validation: {
      ...b.validation,
      rows: a.validation.rows + b.validation.rows,
      rejected,
      byReason,
      detailKept: detail.length,
      detailTruncated: detail.length < rejected,
      duplicates: { count: a.validation.duplicates.count + b.validation.duplicates.count, keys },
    },
    detail,
  };
}
