/**
 * Everything drawn about one account before any row is written: who it is, its size, tenure,
 * cells, level shape, users, value and which optional fields it has. All draws come from the
 * account's own stream, so account i is the same whatever the number of accounts.
 */
import { archetypeAt } from './archetypes';
import type { Archetype } from './archetype-types';
import { SEGMENTS, WEEKDAY_SHAPE, type SegmentSpec, type UseCase } from './catalog';
import { drawCells, type Cell } from './cells';
import { accountId, type SampleContext } from './context';
import { drawIdentity, type Identity } from './identity';
import { drawLevel, type Level } from './level';
import { chance, createRng, intBetween, logUniform, mixSeed, pickWeighted, uniform, type Rng } from './prng';

export type BudgetPlan = 'none' | 'run_rate' | 'generous' | 'below_spike';

export interface CommitmentPlan {
  projectedPct: number;
  /** Days from period_start to T inclusive. */
  elapsed: number;
}

export interface AccountProfile {
  index: number;
  id: string;
  archetype: Archetype;
  segment: SegmentSpec;
  identity: Identity;
  /** Days before T of contract_start. */
  tenure: number;
  young: boolean;
  /** Days before T of the first usage; null when nothing meaningful ever runs. */
  firstUsageAgo: number | null;
  baseSpend: number;
  noise: number;
  /** Level multiplier per weekday, Sunday first. */
  weekday: Float64Array;
  level: Level;
  cells: Cell[];
  useCases: UseCase[];
  /** value_usd per cost_usd of the outcomes. */
  roi: number;
  /** Account-specific outcomes per unit, relative to the use case's rate. */
  outcomeRate: number;
  licensedUsers: number | null;
  userPool: number;
  stickiness: number;
  budget: BudgetPlan;
  unitTarget: boolean;
  outcomeTarget: boolean;
  commitment: CommitmentPlan | null;
  rng: Rng;
}

function drawTenure(rng: Rng, archetype: Archetype): { tenure: number; young: boolean; firstUsageAgo: number | null } {
  if (archetype.tenure.kind === 'stalled') return { tenure: intBetween(rng, 20, 50), young: false, firstUsageAgo: null };
  if (chance(rng, archetype.tenure.youngShare)) {
    const tenure = intBetween(rng, 25, 55);
    return { tenure, young: true, firstUsageAgo: tenure - intBetween(rng, 1, 8) };
  }
  // Most accounts are older than 455 days so NRR is computable; the rest are 5–15 months old.
  const minDays = archetype.tenure.minDays;
  const tenure = minDays > 440 || chance(rng, 0.7) ? intBetween(rng, Math.max(460, minDays), 1800) : intBetween(rng, minDays, 440);
  // 15% onboard late (> 14 days); even then first usage is ≥ 110 days before T.
  const ttfv = chance(rng, 0.85) ? intBetween(rng, 1, 12) : intBetween(rng, 15, 40);
  return { tenure, young: false, firstUsageAgo: tenure - ttfv };
}

function drawCommitment(rng: Rng, archetype: Archetype, tenure: number, young: boolean, firstUsageAgo: number | null): CommitmentPlan | null {
  const shape = archetype.commitment;
  if (shape.kind === 'none' || young || firstUsageAgo === null) return null;
  if (shape.kind === 'normal') {
    return chance(rng, shape.probability) ? { projectedPct: shape.projectedPct, elapsed: intBetween(rng, 20, Math.min(340, tenure)) } : null;
  }
  // Periods start after the first usage so the whole period runs at the steady rate.
  return { projectedPct: uniform(rng, ...shape.projectedPct), elapsed: intBetween(rng, shape.elapsedDays[0], Math.min(shape.elapsedDays[1], firstUsageAgo)) };
}

export function drawProfile(ctx: SampleContext, index: number): AccountProfile {
  const rng = createRng(mixSeed(ctx.options.seed, index));
  const archetype = archetypeAt(index, ctx.options.seed);
  const segment = pickWeighted(rng, SEGMENTS.map((s) => [s, s.share] as const));
  const identity = drawIdentity(rng, index, segment.name);
  const { tenure, young, firstUsageAgo } = drawTenure(rng, archetype);
  const weekend = uniform(rng, ...segment.weekend);
  const weekday = Float64Array.from(WEEKDAY_SHAPE, (w, i) => (i === 0 || i === 6 ? weekend : w));
  const { cells, useCases } = drawCells(rng, segment, archetype.expansion, firstUsageAgo ?? tenure);
  const licensed = Math.round(logUniform(rng, ...segment.licensedUsers));
  const budgetShape = archetype.budget;
  const budget: BudgetPlan = young ? 'generous' : budgetShape === 'random' ? (chance(rng, 0.25) ? 'run_rate' : 'none') : budgetShape;
  return {
    index,
    id: accountId(ctx, index),
    archetype,
    segment,
    identity,
    tenure,
    young,
    firstUsageAgo,
    baseSpend: logUniform(rng, ...segment.dailySpend) * archetype.sizeFactor,
    noise: segment.noise,
    weekday,
    level: drawLevel(rng, archetype.usage),
    cells,
    useCases,
    roi: uniform(rng, ...archetype.roi),
    outcomeRate: uniform(rng, 0.8, 1.25),
    licensedUsers: chance(rng, 0.85) ? licensed : null,
    // A stalled account has a handful of people poking at it; others a share of their seats.
    userPool: archetype.tenure.kind === 'stalled' ? intBetween(rng, 1, 4) : Math.max(1, Math.round(licensed * uniform(rng, 0.3, 0.85))),
    stickiness: uniform(rng, 0.2, 0.55),
    budget,
    unitTarget: chance(rng, 0.3),
    outcomeTarget: chance(rng, 0.35),
    commitment: drawCommitment(rng, archetype, tenure, young, firstUsageAgo),
    rng,
  };
}
