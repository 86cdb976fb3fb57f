/**
 * What a run keeps of each computed account in `signal_history`, and the history fields the plan
 * writes to the CRM from it. Pure: the run reads the week-ago snapshots with the chunk's state and
 * records what this returns.
 */
import type { PulseConfig } from '../config/config';
import { thresholdsFor } from '../config/thresholds';
import { diffDays, monthEnd, monthStart } from '../domain/dates';
import type { CatalogValue } from '../catalog';
import type { CommitmentTerms, ComputedAccount } from '../pipeline/compute-signals';
import { componentScores, HEALTH_COMPONENTS, healthInputs } from '../signals/health';
import { healthChangeReason, healthScoreChange } from '../signals/health-change';
import { roundTo } from '../signals/round';
import type { DayReading, HistorySnapshot } from './state';

/** The thresholds as configured: the default and each segment's overrides. */
export type ThresholdConfig = PulseConfig['thresholds'];

/**
 * The commitment prorated to the as-of day's calendar month: committed_usd × (days of that month
 * inside the commitment's period) / (days in the period), both counted inclusively, in cents. It is
 * what the month "should" cost to use the commitment evenly; a month the period only partly covers
 * gets its share. Null without a commitment.
 */
export function budgetForMonth(commitment: CommitmentTerms | null, asOf: string): number | null {
  if (commitment === null) return null;
  const { period_start, period_end, committed_usd } = commitment;
  const periodDays = diffDays(period_start, period_end) + 1;
  if (periodDays <= 0) return null;
  const from = monthStart(asOf) > period_start ? monthStart(asOf) : period_start;
  const to = monthEnd(asOf) < period_end ? monthEnd(asOf) : period_end;
  const inMonth = Math.max(0, diffDays(from, to) + 1);
  return roundTo((committed_usd * inMonth) / periodDays, 2);
}

/**
 * One account's snapshot as of the run's day. `weekAgo`: its snapshot of 7 days before (null when
 * none was recorded): the 7-day change and its reason are read against it.
 */
export function buildSnapshot(computed: ComputedAccount, thresholds: ThresholdConfig, weekAgo: DayReading | null): HistorySnapshot {
  const { account, signals } = computed;
  const health = thresholdsFor(account.segment, thresholds).health;
  const inputs = healthInputs(signals);
  const scores = componentScores(inputs, health);
  const components = Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, { input: inputs[c], score: scores[c] }])) as HistorySnapshot['components'];
  const change = weekAgo === null ? null : healthScoreChange(signals.health_score, weekAgo.health_score);
  return {
    account_id: account.account_id,
    as_of: signals.as_of,
    signals,
    components,
    spend_day: computed.spend_day,
    budget_month_usd: budgetForMonth(computed.commitment, signals.as_of),
    commitment: computed.commitment,
    nrr: computed.nrr,
    name: account.name,
    health_score_change_7d: change,
    health_change_reason: weekAgo === null ? null : healthChangeReason(weekAgo.components, components, health.weights, change),
  };
}

/** The account's page in the console, under `PULSE_PUBLIC_URL`; null when the deployment has none. */
export function consoleUrl(publicUrl: string | null | undefined, accountId: string): string | null {
  if (publicUrl === undefined || publicUrl === null || publicUrl === '') return null;
  return `${publicUrl.replace(/\/+$/, '')}/console/accounts/${encodeURIComponent(accountId)}`;
}

/** The catalog fields a snapshot gives (not signals): written like the others, changed only when their value changes. */
export function historyValues(snapshot: HistorySnapshot, publicUrl: string | null | undefined): Record<string, CatalogValue> {
  return {
    health_score_change_7d: snapshot.health_score_change_7d,
    health_change_reason: snapshot.health_change_reason,
    console_url: consoleUrl(publicUrl, snapshot.account_id),
  };
}
