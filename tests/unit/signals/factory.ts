/** Fresh aggregates per call: a steady, mid-tenure account that tests bend with overrides. */
import type { AccountAggregates, CommitmentAggregates } from '../../../src/domain/aggregates';
import type { AccountRow } from '../../../src/domain/contract';
import type { ThresholdOverrides, Thresholds } from '../../../src/config/thresholds';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../src/config/thresholds';

export type AggregatesOverrides = Partial<Omit<AccountAggregates, 'account'>> & { account?: Partial<AccountRow> };

export function makeAccount(overrides: Partial<AccountRow> = {}): AccountRow {
  return {
    account_id: 'acct-test',
    name: 'Test Co',
    domain: 'test.example',
    segment: 'mid_market',
    industry: 'software',
    contract_start: '2022-06-01',
    licensed_users: null,
    monthly_budget_usd: null,
    target_daily_units: null,
    outcome_target_monthly: null,
    owner_email: null,
    hubspot_company_id: null,
    salesforce_account_id: null,
    ...overrides,
  };
}

export function makeAggregates(overrides: AggregatesOverrides = {}): AccountAggregates {
  const { account, ...rest } = overrides;
  return {
    account: makeAccount(account),
    as_of: '2024-02-20',
    // Before the contract and every window: nothing is nulled for history unless a test moves it.
    history_start: '2022-01-01',
    spend_30d: 3000,
    spend_prev_30d: 3000,
    spend_day: 100,
    units_30d: 300_000,
    units_prev_30d: 300_000,
    weekly_spend: [700, 700, 700, 700, 700, 700, 700, 700],
    mtd_spend: 2000,
    last_month_spend: 3100,
    weekday_spend_28d: [400, 400, 400, 400, 400, 400, 400],
    first_meaningful_day: '2022-06-03',
    first_target_day: null,
    use_cases_30d: 2,
    teams_30d: 2,
    new_use_cases_90d: 0,
    new_teams_90d: 0,
    commitment: null,
    active_users: { dau_sum_28d: 28 * 20, mau_at_t: 50 },
    outcomes: { count_30d: 300, value_30d: 6000, count_prev_30d: 300, first_roi_day: '2022-07-01' },
    nrr: { r0: 0, r1: 0, base: 0, intensity: 0, team_expansion: 0, use_case_expansion: 0 },
    peer: { cohort_size: 1, lower: 0, equal: 0, p25: 3000, p75: 3000 },
    ...rest,
  };
}

/** A one-year commitment containing 2024-02-20. */
export function makeCommitment(overrides: Partial<CommitmentAggregates> = {}): CommitmentAggregates {
  return { period_start: '2024-01-01', period_end: '2024-12-31', committed_usd: 36_600, consumed_usd: 5000, reached_day: null, ...overrides };
}

export function makeThresholds(overrides: ThresholdOverrides = {}): Thresholds {
  return mergeThresholds(DEFAULT_THRESHOLDS, overrides);
}
