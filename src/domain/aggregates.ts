/**
 * What the warehouse computes for one account as of T: the SQL pushdown's output and the pure
 * signal functions' input. Sums cover only valid rows dated on or before T (rows after T are ignored,
 * so a past T can be replayed). Money sums are exact (decimal in SQL) and arrive as numbers.
 * Window bounds are inclusive, as in SIGNALS.md: "last N days" is T-N+1 .. T.
 */
import type { AccountRow } from './contract';

export interface CommitmentAggregates {
  /** The commitment whose period contains T; with several, the latest period_start. */
  period_start: string;
  period_end: string;
  committed_usd: number;
  /** Σ cost from period_start to T. */
  consumed_usd: number;
  /** The first day from period_start on whose cumulative spend reaches committed_usd; null if not reached by T. */
  reached_day: string | null;
}

export interface ActiveUsersAggregates {
  /** Σ dau over T-27 .. T (a missing day counts 0). */
  dau_sum_28d: number;
  /** mau on T; null when there is no row for T. */
  mau_at_t: number | null;
}

export interface OutcomeAggregates {
  /** Σ count over T-29 .. T, all outcomes. */
  count_30d: number;
  /** Σ value_usd over T-29 .. T. */
  value_30d: number;
  /** Σ count over T-59 .. T-30. */
  count_prev_30d: number;
  /** The first day ≥ contract_start where cumulative cost > 0 and cumulative value ≥ cumulative cost (both from contract_start); null if none by T. */
  first_roi_day: string | null;
}

/** How many days before T the NRR base window (r0) begins: r0 covers T-454 .. T-365. */
export const NRR_BASE_DAYS_BACK = 454;

/** Cells are (use_case, team); r0 = spend over T-454 .. T-365, r1 = spend over T-89 .. T. */
export interface NrrAggregates {
  /** Σ r0 over all cells (R0). */
  r0: number;
  /** Σ r1 over all cells. */
  r1: number;
  /** Σ min(r0, r1) over cells with r0 > 0. */
  base: number;
  /** Σ max(0, r1 − r0) over cells with r0 > 0. */
  intensity: number;
  /** Σ r1 over cells with r0 = 0 whose use_case had r0 > 0 in some cell. */
  team_expansion: number;
  /** Σ r1 over cells whose use_case had no spend at all in the earlier window. */
  use_case_expansion: number;
}

/** The account's cohort: same segment and tenure band (0–90, 91–365, > 365 days). */
export interface PeerAggregates {
  /** N, the account included. */
  cohort_size: number;
  /** Other accounts of the cohort with a lower spend_30d. */
  lower: number;
  /** Other accounts of the cohort with an equal spend_30d. */
  equal: number;
  /** The cohort's 25th and 75th percentiles of spend_30d (linear interpolation). */
  p25: number;
  p75: number;
}

export interface AccountAggregates {
  account: AccountRow;
  /** T. */
  as_of: string;
  /**
   * SIGNALS.md v1.1 `history_start`: the earliest day of valid usage (dated ≤ T) over ALL accounts, or
   * `warehouse.history_start` from the config. The same for every account of a run. Figures that need
   * usage from before it are null (§3, §5, §11). Null when the warehouse holds no usage up to T: then
   * nothing is known to be missing, and no figure is nulled for it.
   */
  history_start: string | null;

  spend_30d: number;
  spend_prev_30d: number;
  /** Spend on T itself (the history's daily series). */
  spend_day: number;
  units_30d: number;
  units_prev_30d: number;
  /** Spend of the 8 whole weeks ending T; index 0 is week 1 (T-6 .. T), index 7 is week 8. */
  weekly_spend: number[];
  /** From the first of T's month to T. */
  mtd_spend: number;
  /** The whole previous calendar month. */
  last_month_spend: number;
  /** Σ cost over T-27 .. T per weekday; index = day of week, 0 = Sunday .. 6 = Saturday. */
  weekday_spend_28d: number[];

  /** The first day ≤ T whose total units reach max(meaningful_units_min, 0.1 × target_daily_units). */
  first_meaningful_day: string | null;
  /** The first day ≤ T whose trailing 7-day mean of total units reaches target_daily_units; null without a target. */
  first_target_day: string | null;

  /** Distinct use cases / teams with units > 0 over T-29 .. T. */
  use_cases_30d: number;
  teams_30d: number;
  /** Use cases / teams whose first day with units > 0 (over all history) falls in T-89 .. T. */
  new_use_cases_90d: number;
  new_teams_90d: number;

  /** Null when no commitment contains T or the commitments model is missing. */
  commitment: CommitmentAggregates | null;
  /** Null when the active_users_daily model is missing. */
  active_users: ActiveUsersAggregates | null;
  /** Null when the outcomes_daily model is missing. */
  outcomes: OutcomeAggregates | null;
  nrr: NrrAggregates;
  peer: PeerAggregates;
}
