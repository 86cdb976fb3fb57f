/** Rows of the aggregate query → AccountAggregates. Only unit conversion and shaping happen here. */
import type { AccountAggregates } from '../../domain/aggregates';
import type { AccountRow } from '../../domain/contract';
import type { Row } from '../port';

/** Money arrives as whole 1/10,000 dollars; one division per figure keeps both engines identical. */
const money = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v) / 10000);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** percentile_cont's rule: position q × (N − 1), linear between the order statistics around it. */
function interpolate(lo: unknown, hi: unknown, q: number, n: number): number {
  const pos = q * (n - 1);
  const frac = pos - Math.floor(pos);
  const a = num(lo);
  return (a + (num(hi) - a) * frac) / 10000;
}

function accountOf(r: Row): AccountRow {
  return {
    account_id: String(r.account_id),
    name: text(r.name),
    domain: text(r.domain),
    segment: text(r.segment),
    industry: text(r.industry),
    contract_start: String(r.contract_start),
    licensed_users: numOrNull(r.licensed_users),
    monthly_budget_usd: numOrNull(r.monthly_budget_usd),
    target_daily_units: numOrNull(r.target_daily_units),
    outcome_target_monthly: numOrNull(r.outcome_target_monthly),
    owner_email: text(r.owner_email),
    hubspot_company_id: text(r.hubspot_company_id),
    salesforce_account_id: text(r.salesforce_account_id),
  };
}

export interface MapContext {
  asOf: string;
  /** Weekday of T, 0 = Sunday: turns the SQL's "k mod 7" buckets into weekday indexes. */
  asOfWeekday: number;
  hasCommitments: boolean;
  hasActiveUsers: boolean;
  hasOutcomes: boolean;
}

/** An account's cohort figures (peers.ts); spends in whole 1/10,000 dollars. */
export interface PeerRow {
  cohort_size: number;
  lower_n: number;
  equal_n: number;
  p25_lo: number | null;
  p25_hi: number | null;
  p75_lo: number | null;
  p75_hi: number | null;
}

/** The cohort figures as AccountAggregates hold them. */
export function peerOf(peer: PeerRow): AccountAggregates['peer'] {
  const n = num(peer.cohort_size);
  return {
    cohort_size: n,
    lower: num(peer.lower_n),
    equal: num(peer.equal_n),
    p25: interpolate(peer.p25_lo, peer.p25_hi, 0.25, n),
    p75: interpolate(peer.p75_lo, peer.p75_hi, 0.75, n),
  };
}

/** What one account's row says; the peer cohort and the history start need every account (index.ts adds them). */
export type RowAggregates = Omit<AccountAggregates, 'peer' | 'history_start'>;

export function toAggregates(r: Row, ctx: MapContext): RowAggregates {
  const weekday = [0, 0, 0, 0, 0, 0, 0];
  // A day k days before T has weekday (weekday(T) − k) mod 7.
  for (let k = 0; k < 7; k++) weekday[(ctx.asOfWeekday - k + 7) % 7] = money(r[`kd${k}`]);
  return {
    account: accountOf(r),
    as_of: ctx.asOf,
    spend_30d: money(r.s30),
    spend_prev_30d: money(r.sp30),
    spend_day: money(r.sd),
    units_30d: num(r.u30),
    units_prev_30d: num(r.up30),
    weekly_spend: [1, 2, 3, 4, 5, 6, 7, 8].map((w) => money(r[`w${w}`])),
    mtd_spend: money(r.mtd),
    last_month_spend: money(r.lastm),
    weekday_spend_28d: weekday,
    first_meaningful_day: day(r.first_meaningful_day),
    first_target_day: day(r.first_target_day),
    use_cases_30d: num(r.use_cases_30d),
    teams_30d: num(r.teams_30d),
    new_use_cases_90d: num(r.new_use_cases_90d),
    new_teams_90d: num(r.new_teams_90d),
    commitment:
      ctx.hasCommitments && r.period_start !== null && r.period_start !== undefined
        ? {
            period_start: String(r.period_start),
            period_end: String(r.period_end),
            committed_usd: num(r.committed_usd),
            consumed_usd: money(r.consumed),
            reached_day: day(r.reached_day),
          }
        : null,
    active_users: ctx.hasActiveUsers ? { dau_sum_28d: num(r.dau_sum_28d), mau_at_t: numOrNull(r.mau_at_t) } : null,
    outcomes: ctx.hasOutcomes
      ? { count_30d: num(r.count_30d), value_30d: money(r.value_30d), count_prev_30d: num(r.count_prev_30d), first_roi_day: day(r.roi_day) }
      : null,
    nrr: {
      r0: money(r.r0),
      r1: money(r.r1),
      base: money(r.nrr_base),
      intensity: money(r.nrr_intensity),
      team_expansion: money(r.nrr_team),
      use_case_expansion: money(r.nrr_use_case),
    },
  };
}
