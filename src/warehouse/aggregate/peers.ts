/**
 * The peer cohort (same segment, same tenure band), from the spend_30d the range statements already
 * computed: the cohort needs every account's spend before any account's row can be finished, so the
 * rows are held until the last range, and no statement reads usage again for it. Spend is the exact
 * integer spend_30d (whole 1/10,000 dollars), so ties are true ties and the order statistics are the
 * same numbers either engine would give; `map.ts` interpolates between them (percentile_cont's rule).
 */
import { addDays } from '../../domain/dates';
import type { Row } from '../port';
import type { PeerRow } from './map';

/** Every account's cohort figures, by account_id. `rows`: the range statements' rows (account_id, segment, contract_start, s30). */
export function peerCohorts(rows: readonly Row[], asOf: string): Map<unknown, PeerRow> {
  // Tenure bands: 0-90, 91-365, > 365 days since contract_start (a day string compares as the day).
  const [band0, band1] = [addDays(asOf, -90), addDays(asOf, -365)];
  const band = (contractStart: string): number => (contractStart >= band0 ? 0 : contractStart >= band1 ? 1 : 2);
  // A segment of null is a cohort of its own, apart from any named one.
  const keys = rows.map((r) => `${r.segment === null || r.segment === undefined ? '\u0000' : `s${String(r.segment)}`}|${band(String(r.contract_start))}`);
  const spends = rows.map((r) => (r.s30 === null || r.s30 === undefined ? 0 : Number(r.s30)));
  const cohorts = new Map<string, number[]>();
  rows.forEach((_, i) => {
    const key = keys[i] as string;
    const list = cohorts.get(key);
    if (list) list.push(spends[i] as number);
    else cohorts.set(key, [spends[i] as number]);
  });
  const sorted = new Map<string, Float64Array>();
  for (const [key, list] of cohorts) sorted.set(key, Float64Array.from(list).sort());
  const out = new Map<unknown, PeerRow>();
  rows.forEach((r, i) => {
    const cohort = sorted.get(keys[i] as string) as Float64Array;
    const s = spends[i] as number;
    const size = cohort.length;
    const lower = firstIndexAtLeast(cohort, s);
    const at = (q: number, round: (x: number) => number) => cohort[round(q * (size - 1))] ?? null;
    out.set(r.account_id, {
      cohort_size: size,
      lower_n: lower,
      equal_n: firstIndexAtLeast(cohort, s + 0.5) - lower - 1,
      p25_lo: at(0.25, Math.floor),
      p25_hi: at(0.25, Math.ceil),
      p75_lo: at(0.75, Math.floor),
      p75_hi: at(0.75, Math.ceil),
    });
  });
  return out;
}

/** The first index whose value is ≥ v in an ascending array (its length when none is). */
function firstIndexAtLeast(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
