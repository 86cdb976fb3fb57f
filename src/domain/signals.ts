/**
 * The signals of one account as of a day: the public contract of `pulse signals --format json`.
 * Every name is the one SIGNALS.md gives; the order of SIGNAL_FIELDS is the output order.
 * A figure that cannot be computed is `null`, never 0 and never NaN.
 * Values here are unrounded; rounding happens only on output (see `src/signals/format.ts`).
 */
export type Trend = 'inactive' | 'stopped' | 'new' | 'growing' | 'declining' | 'stable';
export type Predictability = 'predictable' | 'variable' | 'erratic';
export type CommitStatus = 'under' | 'on_track' | 'over';
export type BillShockRisk = 'low' | 'elevated' | 'high';
export type Onboarding = 'on_track' | 'late' | 'stalled' | 'pending';
export type HealthTier = 'healthy' | 'watch' | 'at_risk';
export type ExpansionFlag =
  | 'commit_early_exhaustion'
  | 'usage_threshold'
  | 'outcome_velocity'
  | 'feature_breadth'
  | 'team_spread'
  | 'rapid_growth';
export type ExpansionSignal = ExpansionFlag | 'none';
export type Coverage = 'high_touch' | 'tech_touch' | 'product_led';

export const TRENDS: readonly Trend[] = ['inactive', 'stopped', 'new', 'growing', 'declining', 'stable'];
export const PREDICTABILITIES: readonly Predictability[] = ['predictable', 'variable', 'erratic'];
export const COMMIT_STATUSES: readonly CommitStatus[] = ['under', 'on_track', 'over'];
export const BILL_SHOCK_RISKS: readonly BillShockRisk[] = ['low', 'elevated', 'high'];
export const ONBOARDING_STATUSES: readonly Onboarding[] = ['on_track', 'late', 'stalled', 'pending'];
export const HEALTH_TIERS: readonly HealthTier[] = ['healthy', 'watch', 'at_risk'];
/** In SIGNALS.md's priority order. */
export const EXPANSION_FLAGS: readonly ExpansionFlag[] = [
  'commit_early_exhaustion',
  'usage_threshold',
  'outcome_velocity',
  'feature_breadth',
  'team_spread',
  'rapid_growth',
];
export const EXPANSION_SIGNALS: readonly ExpansionSignal[] = [...EXPANSION_FLAGS, 'none'];
export const COVERAGES: readonly Coverage[] = ['high_touch', 'tech_touch', 'product_led'];

export interface Signals {
  account_id: string;
  /** T, `YYYY-MM-DD`. */
  as_of: string;

  // 1. Consumption and trend
  spend_30d: number;
  spend_prev_30d: number;
  units_30d: number;
  growth_30d_pct: number | null;
  trend: Trend;

  // 2. Predictability
  volatility_cv: number | null;
  predictability: Predictability | null;

  // 3. Commitment utilization (all null without a commitment containing T, or when its period_start is before history_start)
  consumed_usd: number | null;
  commit_utilization_pct: number | null;
  run_rate_daily: number;
  projected_period_usd: number | null;
  commit_projected_pct: number | null;
  commit_status: CommitStatus | null;
  commit_exhaustion_date: string | null;
  commit_days_early: number | null;
  projected_overage_usd: number | null;

  // 4. Spend forecast and bill-shock risk
  mtd_spend_usd: number;
  last_month_usd: number;
  forecast_month_usd: number;
  bill_shock_risk: BillShockRisk | null;

  // 5. Time to value (all null when contract_start is before history_start, v1.1)
  ttfv_days: number | null;
  onboarding: Onboarding | null;
  time_to_target_days: number | null;
  time_to_roi_days: number | null;

  // 6. Breadth and penetration
  use_cases_30d: number;
  teams_30d: number;
  new_use_cases_90d: number | null;
  new_teams_90d: number | null;
  stickiness_pct: number | null;
  user_penetration_pct: number | null;

  // 7. Value realization
  outcomes_30d: number | null;
  value_usd_30d: number | null;
  roi_multiple: number | null;
  efficiency: number | null;
  efficiency_change_pct: number | null;
  overconsumption: boolean | null;
  outcome_attainment_pct: number | null;
  value_summary: string | null;

  // 8. Peer benchmark
  peer_percentile: number | null;
  peer_range: string | null;

  // 9. Health score
  health_score: number | null;
  health_tier: HealthTier | null;
  risk_drivers: string | null;

  // 10. Expansion signals
  expansion_signal: ExpansionSignal;
  expansion_score: number;

  // 11. Net revenue retention, decomposed
  nrr_pct: number | null;
  base_retention_pct: number | null;
  intensity_expansion_usd: number | null;
  team_expansion_usd: number | null;
  use_case_expansion_usd: number | null;

  // 12. Coverage motion
  arr_usd: number;
  coverage: Coverage;

  // Inputs SIGNALS.md names without an output name, exposed because playbooks and reports use them.
  /** The account's segment (cohorts, per-segment thresholds, portfolio NRR per segment). */
  segment: string | null;
  /** T − contract_start, in days. */
  tenure_days: number;
  /** Days from the commitment's period_start to T inclusive ("elapsed" in SIGNALS.md §3). */
  commit_elapsed_days: number | null;
  /** Every expansion flag that holds, in priority order, comma-separated; '' when none. */
  expansion_flags: string;
}

export type SignalField = keyof Signals;

/** The output order of `pulse signals --format json|csv`. */
export const SIGNAL_FIELDS: readonly SignalField[] = [
  'account_id', 'as_of',
  'spend_30d', 'spend_prev_30d', 'units_30d', 'growth_30d_pct', 'trend',
  'volatility_cv', 'predictability',
  'consumed_usd', 'commit_utilization_pct', 'run_rate_daily', 'projected_period_usd', 'commit_projected_pct',
  'commit_status', 'commit_exhaustion_date', 'commit_days_early', 'projected_overage_usd',
  'mtd_spend_usd', 'last_month_usd', 'forecast_month_usd', 'bill_shock_risk',
  'ttfv_days', 'onboarding', 'time_to_target_days', 'time_to_roi_days',
  'use_cases_30d', 'teams_30d', 'new_use_cases_90d', 'new_teams_90d', 'stickiness_pct', 'user_penetration_pct',
  'outcomes_30d', 'value_usd_30d', 'roi_multiple', 'efficiency', 'efficiency_change_pct', 'overconsumption',
  'outcome_attainment_pct', 'value_summary',
  'peer_percentile', 'peer_range',
  'health_score', 'health_tier', 'risk_drivers',
  'expansion_signal', 'expansion_score',
  'nrr_pct', 'base_retention_pct', 'intensity_expansion_usd', 'team_expansion_usd', 'use_case_expansion_usd',
  'arr_usd', 'coverage',
  'segment', 'tenure_days', 'commit_elapsed_days', 'expansion_flags',
];

/** How each field is rounded on output (SIGNALS.md conventions). */
export type OutputKind = 'money' | 'percent' | 'ratio' | 'count' | 'days' | 'date' | 'enum' | 'text' | 'boolean' | 'integer' | 'number';

export const SIGNAL_OUTPUT_KIND: Record<SignalField, OutputKind> = {
  account_id: 'text', as_of: 'date',
  spend_30d: 'money', spend_prev_30d: 'money', units_30d: 'number', growth_30d_pct: 'percent', trend: 'enum',
  volatility_cv: 'ratio', predictability: 'enum',
  consumed_usd: 'money', commit_utilization_pct: 'percent', run_rate_daily: 'money', projected_period_usd: 'money',
  commit_projected_pct: 'percent', commit_status: 'enum', commit_exhaustion_date: 'date', commit_days_early: 'days',
  projected_overage_usd: 'money',
  mtd_spend_usd: 'money', last_month_usd: 'money', forecast_month_usd: 'money', bill_shock_risk: 'enum',
  ttfv_days: 'days', onboarding: 'enum', time_to_target_days: 'days', time_to_roi_days: 'days',
  use_cases_30d: 'count', teams_30d: 'count', new_use_cases_90d: 'count', new_teams_90d: 'count',
  stickiness_pct: 'percent', user_penetration_pct: 'percent',
  outcomes_30d: 'number', value_usd_30d: 'money', roi_multiple: 'ratio', efficiency: 'ratio',
  efficiency_change_pct: 'percent', overconsumption: 'boolean', outcome_attainment_pct: 'percent', value_summary: 'text',
  peer_percentile: 'percent', peer_range: 'text',
  health_score: 'integer', health_tier: 'enum', risk_drivers: 'text',
  expansion_signal: 'enum', expansion_score: 'integer',
  nrr_pct: 'percent', base_retention_pct: 'percent', intensity_expansion_usd: 'money', team_expansion_usd: 'money',
  use_case_expansion_usd: 'money',
  arr_usd: 'money', coverage: 'enum',
  segment: 'text', tenure_days: 'days', commit_elapsed_days: 'days', expansion_flags: 'text',
};
