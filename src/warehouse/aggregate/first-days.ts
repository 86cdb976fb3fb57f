/**
 * Kept first days. The first meaningful day, the first day at target, the day a commitment was reached
 * and the ROI day never move once found for a past day: a run keeps them, with the day they were
 * searched through (D) and a fingerprint of each account's rows up to D, and the next run searches
 * only the days after D (sql/recent-days.ts). An account is searched in full again when its rows up
 * to D no longer add up to the fingerprint (rows arrived late, were removed or changed), when the
 * inputs of a definition changed (segment, target, commitment, contract start), and every account is
 * when the config's rule or the models present changed, when the run is as of a day before D, or
 * when asked (`--full`).
 */
import type { Row } from '../port';

/** The four first days, in this order. */
export type FirstDays = [meaningful: string | null, target: string | null, reached: string | null, roi: string | null];

export interface KeptAccount {
  /** The account's rows through the searched-through day: usage count, exact cost, exact units, outcome rows, exact value. */
  fingerprint: string;
  /** What the definitions read from the account besides its rows (see `inputsOf`). */
  inputs: string;
  days: FirstDays;
}

export interface KeptFirstDays {
  /** The as-of day every kept account was searched through (`YYYY-MM-DD`). */
  searchedThrough: string;
  /** What decides the days for every account alike: the meaningful-day rule and the models present. */
  rule: string;
  accounts: ReadonlyMap<string, KeptAccount>;
}

/** Where a run finds and keeps its first days: the state store, per installation (an adapter in src/sync/state). */
export interface FirstDayKeeper {
  load(): Promise<KeptFirstDays | null>;
  save(kept: KeptFirstDays): Promise<void>;
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Each fingerprint sum through T (as the range statement sums it) beside its part after D (recent-days.ts). */
const FINGERPRINT: readonly (readonly [total: string, afterD: string])[] = [['fp_n', 'new_n'], ['fp_x', 'new_x'], ['fp_u', 'new_u'], ['fpo_n', 'new_on'], ['fpo_v', 'new_ov']];

/** The fingerprint of the rows through T. */
export function fingerprintNow(r: Row): string {
  return FINGERPRINT.map(([total]) => n(r[total])).join('|');
}

/** The fingerprint of the rows through D: everything through T minus what came after D (exact integer sums). */
function fingerprintThrough(r: Row): string {
  return FINGERPRINT.map(([total, afterD]) => n(r[total]) - n(r[afterD])).join('|');
}

export function inputsOf(r: Row): string {
  return JSON.stringify([text(r.segment), text(r.target_daily_units), text(r.period_start), text(r.committed_usd), text(r.contract_start)]);
}

/** The days a full-search row holds. */
export function daysOfFullRow(r: Row): FirstDays {
  return [text(r.first_meaningful_day), text(r.first_target_day), text(r.reached_day), text(r.roi_day)];
}

const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * An incremental row's days, or null when the account must be searched in full. A kept day stands; a
 * day not found through D is the first one after D that meets the definition.
 */
export function daysOfIncrementalRow(r: Row, kept: KeptAccount | undefined): FirstDays | null {
  if (kept === undefined || kept.fingerprint !== fingerprintThrough(r) || kept.inputs !== inputsOf(r)) return null;
  const [fm, target, reached, roi] = kept.days;
  // big_day (a single row at the threshold) is the cell pass's own bound on the first meaningful day, as in a full search.
  return [fm ?? earliest(text(r.fm_new), text(r.big_day)), target ?? text(r.target_new), reached ?? text(r.reached_new), roi ?? text(r.roi_new)];
}

/** Writes the days into the row's output columns, as a full search names them. */
export function setDays(r: Row, days: FirstDays): void {
  [r.first_meaningful_day, r.first_target_day, r.reached_day, r.roi_day] = days;
}
