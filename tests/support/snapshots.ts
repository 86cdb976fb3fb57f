/** Snapshots as a sync records them, for the console's tests: `makeSnapshot({ ...overrides })`, `history(...)`. */
import type { Signals } from '../../src/domain/signals';
// From types, not the index: the index opens pg, which a jsdom test cannot load.
import { dayReadingOf, type DayReading, type HistorySnapshot } from '../../src/sync/state/types';

export function makeSignals(overrides: Partial<Signals> = {}): Signals {
  return {
    account_id: 'acc-1', as_of: '2026-11-24',
    spend_30d: 3000, spend_prev_30d: 2500, units_30d: 1_000_000, growth_30d_pct: 20, trend: 'growing',
    volatility_cv: 0.2, predictability: 'predictable',
    consumed_usd: 9000, commit_utilization_pct: 75, run_rate_daily: 100, projected_period_usd: 14000, commit_projected_pct: 116.7,
    commit_status: 'over', commit_exhaustion_date: '2026-12-24', commit_days_early: 38, projected_overage_usd: 2000,
    mtd_spend_usd: 2400, last_month_usd: 2900, forecast_month_usd: 3000, bill_shock_risk: 'low',
    ttfv_days: 5, onboarding: 'on_track', time_to_target_days: 20, time_to_roi_days: 40,
    use_cases_30d: 3, teams_30d: 2, new_use_cases_90d: 1, new_teams_90d: 1, stickiness_pct: 40, user_penetration_pct: 30,
    outcomes_30d: 120, value_usd_30d: 9000, roi_multiple: 3, efficiency: 0.04, efficiency_change_pct: 5, overconsumption: false,
    outcome_attainment_pct: 90, value_summary: '120 tickets resolved in 30 days',
    peer_percentile: 70, peer_range: 'p25–p75: $1k–$4k',
    health_score: 72, health_tier: 'healthy', risk_drivers: null,
    expansion_signal: 'commit_early_exhaustion', expansion_score: 80,
    nrr_pct: 110, base_retention_pct: 95, intensity_expansion_usd: 500, team_expansion_usd: 200, use_case_expansion_usd: 100,
    arr_usd: 120_000, coverage: 'tech_touch', segment: 'mid_market', tenure_days: 500, commit_elapsed_days: 90,
    expansion_flags: 'commit_early_exhaustion,rapid_growth',
    ...overrides,
  };
}

export function makeSnapshot(overrides: Partial<Omit<HistorySnapshot, 'signals'>> & { signals?: Partial<Signals> } = {}): HistorySnapshot {
  const account_id = overrides.account_id ?? overrides.signals?.account_id ?? 'acc-1';
  const as_of = overrides.as_of ?? overrides.signals?.as_of ?? '2026-11-24';
  const reading = (score: number) => ({ input: score / 100, score });
  return {
    name: `Account ${account_id}`,
    spend_day: 100,
    budget_month_usd: 2500,
    commitment: { period_start: '2026-08-27', period_end: '2027-02-26', committed_usd: 12000 },
    nrr: { r0: 1000, r1: 1100, base: 950, intensity: 80, team_expansion: 40, use_case_expansion: 30 },
    health_score_change_7d: -4,
    health_change_reason: 'trend fell from 30% to 20%',
    components: { trend: reading(70), commitment: reading(80), predictability: reading(90), breadth: reading(50), engagement: reading(60), value: reading(75) },
    ...overrides,
    account_id,
    as_of,
    signals: makeSignals({ ...overrides.signals, account_id, as_of }),
  };
}

/** `days` daily snapshots of one account ending on `asOf`, spend rising slowly. */
export function history(accountId: string, asOf: string, days: number, signals: Partial<Signals> = {}): HistorySnapshot[] {
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(`${asOf}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - (days - 1 - i));
    const day = d.toISOString().slice(0, 10);
    return makeSnapshot({ account_id: accountId, as_of: day, spend_day: 80 + i * 0.2, signals: { ...signals, health_score: 60 + (i % 20), use_cases_30d: 2 + Math.floor(i / 60) } });
  });
}

/** The same days as the history keeps them. */
export function readings(accountId: string, asOf: string, days: number, signals: Partial<Signals> = {}): DayReading[] {
  return history(accountId, asOf, days, signals).map(dayReadingOf);
}
