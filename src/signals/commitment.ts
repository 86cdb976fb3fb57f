/** SIGNALS.md §3: commitment utilization, pace and exhaustion. */
import type { AccountAggregates, CommitmentAggregates } from '../domain/aggregates';
import type { CommitStatus, Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { addDays, diffDays } from '../domain/dates';
import { beforeHistory } from './history';
import { ceilClean, clean, divide } from './round';

export type CommitmentSignals = Pick<
  Signals,
  | 'consumed_usd'
  | 'commit_utilization_pct'
  | 'run_rate_daily'
  | 'projected_period_usd'
  | 'commit_projected_pct'
  | 'commit_status'
  | 'commit_exhaustion_date'
  | 'commit_days_early'
  | 'projected_overage_usd'
  | 'commit_elapsed_days'
>;

/**
 * Classified on the projected pace (commit_projected_pct), not on utilization to date: a commitment
 * a month into its year is always "under" to date. Both bounds of on_track are inclusive (70 – 90).
 */
export function classifyCommit(projectedPct: number | null, t: Thresholds['commitment']): CommitStatus | null {
  if (projectedPct === null) return null;
  if (projectedPct < t.under_pct) return 'under';
  return projectedPct > t.over_pct ? 'over' : 'on_track';
}

/** The day cumulative spend reaches the commitment: already reached, or projected at the run rate within the period. */
export function exhaustionDate(c: CommitmentAggregates, asOf: string, runRateDaily: number): string | null {
  if (c.reached_day !== null) return c.reached_day;
  const remaining = c.committed_usd - c.consumed_usd;
  // Sums that reach the commitment without a reached_day (float noise at the boundary) count as reached on T.
  if (remaining <= 0) return asOf;
  if (runRateDaily <= 0) return null;
  // Compared as day counts before making a date: a tiny run rate makes the count Infinity.
  const needed = ceilClean(remaining / runRateDaily);
  return needed <= diffDays(asOf, c.period_end) ? addDays(asOf, needed) : null;
}

export function commitmentSignals(agg: AccountAggregates, t: Thresholds['commitment']): CommitmentSignals {
  // Defined without a commitment too: forecasting and ARR read the same run rate.
  const runRate = agg.spend_30d / 30;
  const c = agg.commitment;
  // v1.1: a commitment that began before the warehouse's history has an unknown consumption to date,
  // so it reads as no commitment at all. run_rate_daily stays: it needs only the last 30 days.
  // commit_elapsed_days goes with the others, so no playbook acts on a commitment it cannot measure.
  if (c === null || beforeHistory(c.period_start, agg.history_start)) {
    return {
      consumed_usd: null,
      commit_utilization_pct: null,
      run_rate_daily: runRate,
      projected_period_usd: null,
      commit_projected_pct: null,
      commit_status: null,
      commit_exhaustion_date: null,
      commit_days_early: null,
      projected_overage_usd: null,
      commit_elapsed_days: null,
    };
  }
  const elapsed = diffDays(c.period_start, agg.as_of) + 1;
  const length = diffDays(c.period_start, c.period_end) + 1;
  const projected = clean(c.consumed_usd + runRate * (length - elapsed));
  const projectedPct = divide(projected, c.committed_usd, 100);
  const exhaustion = exhaustionDate(c, agg.as_of, runRate);
  return {
    consumed_usd: c.consumed_usd,
    commit_utilization_pct: divide(c.consumed_usd, c.committed_usd, 100),
    run_rate_daily: runRate,
    projected_period_usd: projected,
    commit_projected_pct: projectedPct,
    commit_status: classifyCommit(projectedPct, t),
    commit_exhaustion_date: exhaustion,
    commit_days_early: exhaustion === null ? null : diffDays(exhaustion, c.period_end),
    projected_overage_usd: Math.max(0, projected - c.committed_usd),
    commit_elapsed_days: elapsed,
  };
}
