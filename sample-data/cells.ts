/**
 * The account's (use_case, team) cells: the grain of usage_daily. Initial cells start with the
 * account; the archetype's expansion adds cells later (a new team, a new use case).
 */
import type { ExpansionShape } from './archetype-types';
import { TEAMS, USE_CASES, type SegmentSpec, type UseCase } from './catalog';
import { chance, intBetween, pick, sample, uniform, type Rng } from './prng';

export interface Cell {
  useCase: UseCase;
  /** Index of the use case in the account's `useCases` (one outcome accumulator each). */
  slot: number;
  team: string;
  /** Share of the base spend once ramped up. */
  weight: number;
  /** Days before T of the first use. */
  startAgo: number;
  /** Expansion cells ramp up over RAMP_DAYS; initial cells follow the account's own ramp. */
  ramps: boolean;
}

export interface CellPlan {
  cells: Cell[];
  useCases: UseCase[];
}

export const RAMP_DAYS = 14;

export function drawCells(rng: Rng, segment: SegmentSpec, expansion: ExpansionShape, firstUsageAgo: number): CellPlan {
  let useCaseCount = intBetween(rng, ...segment.useCases);
  // feature_breadth needs use_cases_30d ≥ 3: two existing use cases plus the new one.
  if (expansion.kind === 'new_use_case') useCaseCount = Math.min(Math.max(useCaseCount, 2), USE_CASES.length - 1);
  const useCases = sample(rng, USE_CASES, useCaseCount);
  const teamPool = sample(rng, TEAMS, Math.min(4, useCaseCount + 1));
  const cells: Cell[] = [];
  useCases.forEach((useCase, slot) => {
    for (const team of sample(rng, teamPool, intBetween(rng, ...segment.teamsPerUseCase))) {
      cells.push({ useCase, slot, team, weight: uniform(rng, 0.5, 1.5), startAgo: firstUsageAgo, ramps: false });
    }
  });
  const total = cells.reduce((sum, c) => sum + c.weight, 0);
  for (const c of cells) c.weight /= total;

  const usedTeams = [...new Set(cells.map((c) => c.team))];
  const addUseCase = (startAgo: number, weight: number): void => {
    const unused = USE_CASES.filter((u) => !useCases.includes(u));
    const useCase = pick(rng, unused);
    useCases.push(useCase);
    cells.push({ useCase, slot: useCases.length - 1, team: pick(rng, usedTeams), weight, startAgo, ramps: true });
  };
  const addTeam = (startAgo: number, weight: number): void => {
    const team = pick(rng, TEAMS.filter((t) => !cells.some((c) => c.team === t)));
    const slot = intBetween(rng, 0, useCases.length - 1);
    cells.push({ useCase: useCases[slot] as UseCase, slot, team, weight, startAgo, ramps: true });
  };

  switch (expansion.kind) {
    case 'none':
      break;
    case 'cells': {
      // Leave 20 days after the first usage so the expansion is visibly later than the landing.
      const latest = Math.min(expansion.daysAgo[1], firstUsageAgo - 20);
      const count = intBetween(rng, ...expansion.count);
      for (let i = 0; i < count; i++) {
        const startAgo = intBetween(rng, expansion.daysAgo[0], Math.max(expansion.daysAgo[0], latest));
        const canAddUseCase = useCases.length < USE_CASES.length;
        if (canAddUseCase && chance(rng, 0.5)) addUseCase(startAgo, uniform(rng, 0.2, 0.4));
        else addTeam(startAgo, uniform(rng, 0.2, 0.4));
      }
      break;
    }
    case 'new_team':
      addTeam(intBetween(rng, ...expansion.daysAgo), uniform(rng, 0.15, 0.3));
      break;
    case 'new_use_case':
      addUseCase(intBetween(rng, ...expansion.daysAgo), uniform(rng, 0.15, 0.3));
      break;
  }
  return { cells, useCases };
}
