/**
 * Two accounts of docs/signals-examples as of 2024-02-20: their aggregates (summed from the CSVs) and
 * the expected output from expected.json, so the engine is held to the worked examples.
 */
import { computeSignals } from '../../../src/signals/compute';
import { formatSignals } from '../../../src/signals/format';
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { makeAccount, makeThresholds } from './factory';

/** The earliest day of usage_daily.csv. */
const HISTORY_START = '2022-09-15';

const acct0000: AccountAggregates = {
  account: makeAccount({ account_id: 'acct-0000', segment: 'enterprise', contract_start: '2024-02-09' }),
  as_of: '2024-02-20', history_start: HISTORY_START, spend_30d: 576.55, spend_prev_30d: 0, spend_day: 109.08, units_30d: 102626, units_prev_30d: 0,
  weekly_spend: [498.21, 78.34, 0, 0, 0, 0, 0, 0], mtd_spend: 576.55, last_month_spend: 0,
  weekday_spend_28d: [29.07, 75.51, 187.42, 120.49, 78.73, 58.22, 27.11],
  first_meaningful_day: '2024-02-13', first_target_day: null, use_cases_30d: 1, teams_30d: 1, new_use_cases_90d: 1, new_teams_90d: 1,
  commitment: null, active_users: { dau_sum_28d: 152, mau_at_t: 90 },
  outcomes: { count_30d: 0, value_30d: 0, count_prev_30d: 0, first_roi_day: null },
  nrr: { r0: 0, r1: 576.55, base: 0, intensity: 0, team_expansion: 0, use_case_expansion: 576.55 },
  peer: { cohort_size: 6, lower: 2, equal: 0, p25: 144.1375, p75: 1413.1425 },
};

const acct0023: AccountAggregates = {
  account: makeAccount({ account_id: 'acct-0023', segment: 'public sector', contract_start: '2023-01-09', licensed_users: 121, target_daily_units: 16053 }),
  as_of: '2024-02-20', history_start: HISTORY_START, spend_30d: 4696.49, spend_prev_30d: 4669.44, spend_day: 169.44, units_30d: 309966, units_prev_30d: 308179,
  weekly_spend: [1055.86, 1126.61, 1030.7, 1075.04, 1197.97, 955.2, 1167.29, 1180.04], mtd_spend: 3017.48, last_month_spend: 5010.4,
  weekday_spend_28d: [271.17, 715.43, 710.23, 813.45, 754.01, 752.26, 271.66],
  first_meaningful_day: '2023-01-12', first_target_day: '2023-02-02', use_cases_30d: 4, teams_30d: 3, new_use_cases_90d: 0, new_teams_90d: 1,
  commitment: { period_start: '2023-12-17', period_end: '2024-12-15', committed_usd: 39896, consumed_usd: 10504.5, reached_day: null },
  active_users: { dau_sum_28d: 710, mau_at_t: 70 },
  outcomes: { count_30d: 0, value_30d: 0, count_prev_30d: 0, first_roi_day: null },
  nrr: { r0: 8570.89, r1: 14403.85, base: 1559.29, intensity: 0, team_expansion: 1978.03, use_case_expansion: 10866.53 },
  peer: { cohort_size: 3, lower: 0, equal: 0, p25: 4991, p75: 12163.83 },
};

describe('worked examples (signals-examples, as of 2024-02-20)', () => {
  it('acct-0000: a new account without a commitment', () => {
    expect(formatSignals(computeSignals(acct0000, makeThresholds()))).toMatchObject({
      spend_30d: 576.55, spend_prev_30d: 0, units_30d: 102626, growth_30d_pct: null, trend: 'new',
      volatility_cv: null, predictability: null, commit_status: null, commit_exhaustion_date: null, projected_overage_usd: null,
      mtd_spend_usd: 576.55, last_month_usd: 0, forecast_month_usd: 770.49, bill_shock_risk: null,
      ttfv_days: 4, onboarding: 'on_track', time_to_target_days: null, time_to_roi_days: null,
      use_cases_30d: 1, teams_30d: 1, new_use_cases_90d: null, new_teams_90d: null, stickiness_pct: 6, user_penetration_pct: null,
      outcomes_30d: 0, value_usd_30d: 0, roi_multiple: 0, efficiency: 0, efficiency_change_pct: null, overconsumption: true,
      outcome_attainment_pct: null, peer_percentile: 40, peer_range: '$144–$1,413', health_score: 17, health_tier: 'at_risk',
      expansion_signal: 'none', expansion_score: 0, nrr_pct: null, use_case_expansion_usd: null, arr_usd: 7014.69, coverage: 'product_led',
    });
  });

  it('acct-0023: a commitment exhausted early, and NRR null before 455 days', () => {
    expect(formatSignals(computeSignals(acct0023, makeThresholds()))).toMatchObject({
      growth_30d_pct: 0.6, trend: 'stable', volatility_cv: 0.072, predictability: 'predictable',
      commit_utilization_pct: 26.3, commit_projected_pct: 143.7, commit_status: 'over', commit_exhaustion_date: '2024-08-26',
      commit_days_early: 111, projected_overage_usd: 17416.85, forecast_month_usd: 4481.4, bill_shock_risk: 'low',
      ttfv_days: 3, time_to_target_days: 24, stickiness_pct: 36.2, user_penetration_pct: 57.9, overconsumption: true,
      peer_percentile: null, peer_range: null, health_score: 67, health_tier: 'watch',
      expansion_signal: 'commit_early_exhaustion', expansion_score: 70, expansion_flags: 'commit_early_exhaustion,usage_threshold,team_spread',
      nrr_pct: null, arr_usd: 57140.63, coverage: 'tech_touch', tenure_days: 407, commit_elapsed_days: 66,
    });
  });
});
