/**
 * The account archetypes as data: what share of accounts each makes up, how its usage, users,
 * commitments and outcomes evolve, and which default playbooks' conditions (SIGNALS.md "Default
 * playbooks") must hold for it as of the as-of day T, and no others. Shapes are stated relative
 * to T ("days ago"), so an archetype means the same thing for any as-of.
 *
 * Margins every archetype shares (see the reasoning per archetype below):
 * - daily noise is small (±6–10% per cell-day), so 30-day growth moves by ~±4 points at most and
 *   weekly cv stays < 0.1 for level accounts;
 * - outcomes track units exactly (error diffusion), so efficiency_change stays near 0 and
 *   roi_multiple stays at the account's drawn roi: ≥ 1.8 except for heavy_use_without_value;
 * - an account without a budget grows < 18% per 30 days, so forecast / last month stays < ~1.35
 *   even in the worst month pair (March after February, weekdays 5×) against the 1.5 threshold;
 * - a normal commitment is sized from the generated data to project exactly 80% (10 points from
 *   either threshold); outcome targets are sized to an attainment of 80–125% (< 150);
 * - teams and use cases other than the intended new one start > 110 days before T (new_*_90d = 0).
 */
import type { Archetype, ArchetypeName } from './archetype-types';
import { mixSeed } from './prng';

export type { Archetype, ArchetypeName, PlaybookName } from './archetype-types';

const ESTABLISHED = { kind: 'established', youngShare: 0, minDays: 150 } as const;
/**
 * "Flat" grows 3–7% a month on purpose: which two weekdays each 30-day window holds beyond its four
 * weeks can move growth_30d by up to −6 points, and noise by ~±4 more, so a truly flat account could
 * touch −10 (declining). +3% keeps the worst case near −7.
 */
const FLAT = { kind: 'trend', growth30: [0.03, 0.07] } as const;
const NO_EXPANSION = { kind: 'none' } as const;
const NO_COMMITMENT = { kind: 'none' } as const;

export const ARCHETYPES: readonly Archetype[] = [
  // Flat (+3–7% a month): trend stable (or `new` for the 15% young ones, which get a generous budget
  // because their first partial month makes the last-month rule meaningless). No flags, no playbook.
  {
    name: 'steady', share: 0.3, expectedPlaybooks: [],
    tenure: { kind: 'established', youngShare: 0.15, minDays: 150 }, usage: FLAT,
    expansion: NO_EXPANSION, commitment: { kind: 'normal', probability: 0.4, projectedPct: 80 }, budget: 'random', roi: [1.8, 5], sizeFactor: 1,
  },
  // +12–17% a month (trend growing, below rapid_growth's 25) and 1–3 use cases / teams added
  // 120–330 days ago: NRR shows team and use-case expansion, but nothing is new within 90 days.
  {
    name: 'land_and_expand', share: 0.12, expectedPlaybooks: [],
    tenure: { kind: 'established', youngShare: 0, minDays: 360 }, usage: { kind: 'trend', growth30: [0.12, 0.17] },
    expansion: { kind: 'cells', count: [1, 3], daysAgo: [120, 330] }, commitment: { kind: 'normal', probability: 0.4, projectedPct: 80 },
    budget: 'random', roi: [2, 5], sizeFactor: 1,
  },
  // Falls 30–40% per 30 days from 95–130 days ago: growth_30d ≈ −24..−45 against −10. Eight weekly
  // totals span < 2.5×, cv ≈ 0.2–0.3: not erratic. No commitment (it would be under-used too).
  {
    name: 'declining', share: 0.07, expectedPlaybooks: ['consumption_decline'],
    tenure: ESTABLISHED, usage: { kind: 'decline', startDaysAgo: [95, 130], factor30: [0.6, 0.7] },
    expansion: NO_EXPANSION, commitment: NO_COMMITMENT, budget: 'random', roi: [1.8, 4], sizeFactor: 1,
  },
  // Last usage 57–58 days ago: spend_30d = 0 with spend in T-59..T-30 (stopped), and the 8 weekly
  // totals (T-55..T) are all 0, so cv is null rather than erratic (no production_readiness).
  {
    name: 'stopped', share: 0.04, expectedPlaybooks: ['consumption_decline'],
    tenure: ESTABLISHED, usage: { kind: 'stop', lastDayAgo: [57, 58] },
    expansion: NO_EXPANSION, commitment: NO_COMMITMENT, budget: 'random', roi: [1.8, 4], sizeFactor: 1,
  },
  // Experimental batch jobs: of the 8 weeks back from T, four run ×4 and four ×0.6: weekly cv ≈ 0.74
  // (≥ 0.5). Each 30-day window holds exactly two whole high weeks, so growth ≈ the underlying 4–10%
  // (> −10 by ~12 points). Bursts make last month a poor reference, so the budget (3× the last two
  // weeks) is what bill-shock risk is judged on.
  {
    name: 'volatile', share: 0.05, expectedPlaybooks: ['production_readiness'],
    tenure: ESTABLISHED, usage: { kind: 'bursts', high: 4, low: 0.6, growth30: [0.04, 0.1] },
    expansion: NO_EXPANSION, commitment: NO_COMMITMENT, budget: 'generous', roi: [1.8, 4], sizeFactor: 1,
  },
  // Committed at 1/1.35–1/1.5 of the steady run rate, period 60–240 days in: projected 135–150%, and
  // the commitment runs out ≈ 95–120 days before period_end (≥ 30): commit_early_exhaustion.
  {
    name: 'early_commit_exhaustion', share: 0.06, expectedPlaybooks: ['expansion_conversation'],
    tenure: ESTABLISHED, usage: FLAT, expansion: NO_EXPANSION,
    commitment: { kind: 'always', projectedPct: [135, 150], elapsedDays: [60, 240] }, budget: 'random', roi: [2, 5], sizeFactor: 1,
  },
  // Signed big, never ramped: flat usage projecting 40–55% of the commitment (< 70), 60+ days in (≥ 30).
  {
    name: 'commit_underuse', share: 0.07, expectedPlaybooks: ['commit_underuse'],
    tenure: ESTABLISHED, usage: FLAT, expansion: NO_EXPANSION,
    commitment: { kind: 'always', projectedPct: [40, 55], elapsedDays: [60, 330] }, budget: 'random', roi: [1.8, 4], sizeFactor: 1,
  },
  // Signed 20–50 days ago (> 14): users log in, a few calls return nothing (units 0), no cost at all,
  // so trend is inactive, roi and bill shock are null and only onboarding = stalled holds.
  {
    name: 'onboarding_stall', share: 0.05, expectedPlaybooks: ['onboarding_stall'],
    tenure: { kind: 'stalled' }, usage: { kind: 'none' },
    expansion: NO_EXPANSION, commitment: NO_COMMITMENT, budget: 'random', roi: [2, 4], sizeFactor: 1,
  },
  // ×2.5 from 38–48 days ago against a budget of 1.2× the pre-spike month: forecast ≈ 2.5 × 28..31
  // days / (1.2 × 30.4) ≥ 1.9× budget for any as-of day, since the last 4 weeks are all spike. (The
  // last-month rule cannot be robust: early in a month, last month already holds the spike.)
  // Outcomes rise with usage (a real peak), so roi stays ≥ 1.8; cv ≈ 0.3 (< 0.5).
  {
    name: 'bill_shock_spike', share: 0.05, expectedPlaybooks: ['bill_shock_checkin'],
    tenure: ESTABLISHED, usage: { kind: 'spike', startDaysAgo: [38, 48], factor: 2.5 },
    expansion: NO_EXPANSION, commitment: NO_COMMITMENT, budget: 'below_spike', roi: [1.8, 4], sizeFactor: 1,
  },
  // 1.5× the segment's spend, outcomes worth 0.25–0.6 of it: roi_multiple < 1 (overconsumption).
  {
    name: 'heavy_use_without_value', share: 0.05, expectedPlaybooks: ['efficiency_consult'],
    tenure: ESTABLISHED, usage: FLAT, expansion: NO_EXPANSION,
    commitment: { kind: 'normal', probability: 0.3, projectedPct: 80 }, budget: 'random', roi: [0.25, 0.6], sizeFactor: 1.5,
  },
  // A new team on an existing use case, first used 64–85 days ago (< 90), ramping over 14 days to
  // 15–30% more spend: team_spread, with no earlier flag (commitment at 80%, attainment ≤ 125%, no new
  // use case). Ramped before T-48, so both 30-day windows hold it: growth and efficiency barely move
  // (a mix shift plus +30% growth could otherwise read as overconsumption), nor does bill shock.
  {
    name: 'multi_team_spread', share: 0.07, expectedPlaybooks: ['adjacent_team'],
    tenure: ESTABLISHED, usage: FLAT, expansion: { kind: 'new_team', daysAgo: [64, 85] },
    commitment: { kind: 'normal', probability: 0.3, projectedPct: 80 }, budget: 'random', roi: [1.8, 5], sizeFactor: 1,
  },
  // A third (or later) use case on an existing team, first used 64–85 days ago: feature_breadth,
  // which outranks team_spread and is no playbook's trigger, so nothing fires. Ramped before both
  // 30-day windows for the same reason as multi_team_spread: a new use case changes outcomes per unit.
  {
    name: 'new_use_cases', share: 0.07, expectedPlaybooks: [],
    tenure: ESTABLISHED, usage: FLAT, expansion: { kind: 'new_use_case', daysAgo: [64, 85] },
    commitment: { kind: 'normal', probability: 0.3, projectedPct: 80 }, budget: 'random', roi: [1.8, 5], sizeFactor: 1,
  },
];

export const ARCHETYPE_NAMES: readonly ArchetypeName[] = ARCHETYPES.map((a) => a.name);

const GOLDEN = 0.6180339887498949;

/**
 * The archetype of the account at 0-based `index`. A golden-ratio sequence rather than a random
 * draw: shares come out within a few accounts of exact at any size, every archetype appears from
 * ~25 accounts on, and any account's archetype is known without generating the others.
 */
export function archetypeAt(index: number, seed: number): Archetype {
  const offset = mixSeed(seed, 0x5eed) / 4294967296;
  const u = (offset + index * GOLDEN) % 1;
  let cumulative = 0;
  for (const archetype of ARCHETYPES) {
    cumulative += archetype.share;
    if (u < cumulative) return archetype;
  }
  return ARCHETYPES[ARCHETYPES.length - 1] as Archetype;
}

/** The archetype of an account, by 0-based index or by its id (`acct-00001` is index 0). */
export function archetypeOf(account: number | string, seed = 1): ArchetypeName {
  const index = typeof account === 'number' ? account : Number(/(\d+)$/.exec(account)?.[1] ?? NaN) - 1;
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`not a sample account: ${String(account)}`);
  return archetypeAt(index, seed).name;
}
