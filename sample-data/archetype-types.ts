/**
 * The vocabulary of archetypes: what an archetype states about an account's usage, expansion,
 * commitment, budget and value. The archetypes themselves are data, in archetypes.ts.
 */
export type ArchetypeName =
  | 'steady'
  | 'land_and_expand'
  | 'declining'
  | 'stopped'
  | 'volatile'
  | 'early_commit_exhaustion'
  | 'commit_underuse'
  | 'onboarding_stall'
  | 'bill_shock_spike'
  | 'heavy_use_without_value'
  | 'multi_team_spread'
  | 'new_use_cases';

export type PlaybookName =
  | 'onboarding_stall'
  | 'consumption_decline'
  | 'commit_underuse'
  | 'expansion_conversation'
  | 'bill_shock_checkin'
  | 'efficiency_consult'
  | 'adjacent_team'
  | 'production_readiness';

type Range = readonly [number, number];

/** The account's spend level over time, as a multiple of its base level. */
export type UsageShape =
  /** Compound growth per 30 days, over the whole history. */
  | { kind: 'trend'; growth30: Range }
  /** Flat, then from `startDaysAgo` a compound fall by `factor30` per 30 days. */
  | { kind: 'decline'; startDaysAgo: Range; factor30: Range }
  /** Fades from 100 days ago, then nothing after `lastDayAgo` (the last day with usage). */
  | { kind: 'stop'; lastDayAgo: Range }
  /** Weeks counted back from T alternate between × `high` and × `low` (see level.ts). */
  | { kind: 'bursts'; high: number; low: number; growth30: Range }
  /** Flat, then × `factor` from `startDaysAgo` on. */
  | { kind: 'spike'; startDaysAgo: Range; factor: number }
  /** Signed, users log in, nothing meaningful runs. */
  | { kind: 'none' };

/** A use case or team added during the history. */
export type ExpansionShape =
  | { kind: 'none' }
  /** Extra use cases and teams, each first used at some point in `daysAgo`. */
  | { kind: 'cells'; count: Range; daysAgo: Range }
  | { kind: 'new_team'; daysAgo: Range }
  | { kind: 'new_use_case'; daysAgo: Range };

export type CommitmentShape =
  | { kind: 'none' }
  /** With `probability`, a commitment projected at `projectedPct` (both thresholds far away). */
  | { kind: 'normal'; probability: number; projectedPct: number }
  | { kind: 'always'; projectedPct: Range; elapsedDays: Range };

/**
 * `random`: some accounts get a budget of 2.5× their monthly run rate (far from bill shock);
 * `generous`: every account gets 3× (used where the last-month rule is not robust);
 * `below_spike`: 1.2× the pre-spike month, so the spike overruns it whatever the as-of day.
 */
export type BudgetShape = 'random' | 'generous' | 'below_spike';

/** Tenure at T. Stalled accounts signed 20–50 days ago. */
export type TenureShape =
  /** `youngShare` of the accounts are young (25–55 days, trend `new`); the rest have `minDays`–1,800. */
  | { kind: 'established'; youngShare: number; minDays: number }
  | { kind: 'stalled' };

export interface Archetype {
  name: ArchetypeName;
  /** Share of all accounts; the shares sum to 1. */
  share: number;
  /** The default playbooks whose conditions hold as of T, and no others. */
  expectedPlaybooks: readonly PlaybookName[];
  tenure: TenureShape;
  usage: UsageShape;
  expansion: ExpansionShape;
  commitment: CommitmentShape;
  budget: BudgetShape;
  /** value_usd / cost_usd the account's outcomes are worth. */
  roi: Range;
  /** Multiplies the segment's base spend. */
  sizeFactor: number;
}

