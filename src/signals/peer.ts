/**
 * SIGNALS.md §8: where the account's spend_30d sits in its cohort (same segment and tenure band).
 * The cohort counts and percentiles come from the warehouse, which sees every account.
 */
import type { AccountAggregates } from '../domain/aggregates';
import type { Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { formatDollars } from './text';
import { clean } from './round';

export type PeerSignals = Pick<Signals, 'peer_percentile' | 'peer_range'>;

/** "$1,200–$4,800" (whole dollars, en dash); the same bounds still read as a range. */
export function formatPeerRange(p25: number, p75: number): string {
  return `${formatDollars(p25)}–${formatDollars(p75)}`;
}

export function peerSignals(agg: AccountAggregates, t: Thresholds['peer']): PeerSignals {
  const { cohort_size: n, lower, equal, p25, p75 } = agg.peer;
  // n − 1 = 0 would divide by zero if min_cohort were configured below 2.
  if (n < t.min_cohort || n < 2) return { peer_percentile: null, peer_range: null };
  return { peer_percentile: clean(((lower + 0.5 * equal) / (n - 1)) * 100), peer_range: formatPeerRange(p25, p75) };
}
