/**
 * usage_daily and outcomes_daily for one account: level × weekday × cell weight × small noise,
 * priced per use case; outcomes follow units by error diffusion, so any window's outcome count is
 * within one of units × rate and efficiency and roi do not drift by accident.
 */
import { RAMP_DAYS } from './cells';
import type { SampleContext } from './context';
import { levelAt } from './level';
import type { AccountProfile } from './profile';
import type { SampleSink, Scratch } from './sink';

/** A new account's first weeks run below its steady level. */
const ONBOARDING_RAMP_DAYS = 21;

export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Fills `scratch.level` (0 before the first usage) and returns the first window day with usage. */
export function fillLevels(ctx: SampleContext, p: AccountProfile, scratch: Scratch): number {
  const { days } = ctx;
  const firstIdx = p.firstUsageAgo === null ? days : Math.max(0, days - 1 - p.firstUsageAgo);
  for (let i = 0; i < days; i++) {
    if (i < firstIdx || p.firstUsageAgo === null) {
      scratch.level[i] = 0;
      continue;
    }
    const d = days - 1 - i;
    const since = p.firstUsageAgo - d;
    const ramp = since < ONBOARDING_RAMP_DAYS ? 0.25 + (0.75 * since) / ONBOARDING_RAMP_DAYS : 1;
    scratch.level[i] = levelAt(p.level, d) * ramp;
  }
  return firstIdx;
}

export function emitUsage(ctx: SampleContext, p: AccountProfile, sink: SampleSink, scratch: Scratch, firstIdx: number): void {
  const { days, dayStrings, weekdays } = ctx;
  const { rng, cells, noise, id } = p;
  const slots = p.useCases.length;
  const slotUnits = new Float64Array(slots);
  const cumulative = new Float64Array(slots);
  const emitted = new Float64Array(slots);
  const ratePerUnit = p.useCases.map((u) => u.outcomesPerUnit * p.outcomeRate);
  // Value per outcome is fixed per account and use case, so value / cost is the drawn roi.
  const valuePerOutcome = p.useCases.map((u, s) => round2((p.roi * u.price) / (ratePerUnit[s] as number)));
  scratch.dailyCost.fill(0);
  scratch.dailyUnits.fill(0);
  scratch.dailyOutcomes.fill(0);
  for (let i = firstIdx; i < days; i++) {
    const level = scratch.level[i] as number;
    if (level === 0) continue;
    const d = days - 1 - i;
    const day = dayStrings[i] as string;
    const scale = p.baseSpend * level * (p.weekday[weekdays[i] as number] as number);
    slotUnits.fill(0);
    let cost = 0;
    let units = 0;
    for (const cell of cells) {
      if (cell.startAgo < d) continue;
      let weight = cell.weight;
      if (cell.ramps && cell.startAgo - d < RAMP_DAYS) weight *= (cell.startAgo - d + 1) / RAMP_DAYS;
      const price = cell.useCase.price;
      const u = Math.max(1, Math.round((scale * weight * (1 + noise * (2 * rng() - 1))) / price));
      const c = round2(u * price);
      sink.usage(id, day, cell.useCase.name, cell.team, u, c);
      slotUnits[cell.slot] = (slotUnits[cell.slot] as number) + u;
      cost += c;
      units += u;
    }
    let outcomes = 0;
    for (let s = 0; s < slots; s++) {
      const su = slotUnits[s] as number;
      if (su === 0) continue;
      const cum = (cumulative[s] as number) + su * (ratePerUnit[s] as number);
      cumulative[s] = cum;
      const count = Math.floor(cum) - (emitted[s] as number);
      if (count <= 0) continue;
      emitted[s] = (emitted[s] as number) + count;
      outcomes += count;
      sink.outcome(id, day, (p.useCases[s] as { outcome: string }).outcome, count, round2(count * (valuePerOutcome[s] as number)));
    }
    scratch.dailyCost[i] = cost;
    scratch.dailyUnits[i] = units;
    scratch.dailyOutcomes[i] = outcomes;
  }
}

/** A stalled account's few attempts: calls that ran nothing (units 0, cost 0), so no day is meaningful. */
export function emitStalledAttempts(ctx: SampleContext, p: AccountProfile, sink: SampleSink): void {
  const cell = p.cells[0];
  if (cell === undefined) return;
  const span = Math.min(14, p.tenure - 1, ctx.days);
  const attempts = 2 + Math.floor(p.rng() * 3);
  const chosen = new Set<number>();
  for (let k = 0; k < attempts; k++) chosen.add(Math.floor(p.rng() * span));
  for (const d of [...chosen].sort((a, b) => b - a)) {
    sink.usage(p.id, ctx.dayStrings[ctx.days - 1 - d] as string, cell.useCase.name, cell.team, 0, 0);
  }
}
