/**
 * An account's spend level by day, as a multiple of its base spend: the archetype's usage shape
 * with its ranges drawn. `d` is days before T (d = 0 is T itself).
 */
import type { UsageShape } from './archetype-types';
import { intBetween, uniform, type Rng } from './prng';

export type Level =
  | { kind: 'trend'; logGrowthPerDay: number }
  | { kind: 'decline'; start: number; logFactorPerDay: number }
  | { kind: 'stop'; last: number }
  | { kind: 'bursts'; high: number; low: number; logGrowthPerDay: number }
  | { kind: 'spike'; start: number; factor: number }
  | { kind: 'none' };

/** Where the stop archetype starts fading: early enough to sit outside both 30-day windows' story. */
const STOP_FADE_FROM = 100;

export function drawLevel(rng: Rng, shape: UsageShape): Level {
  switch (shape.kind) {
    case 'trend':
      return { kind: 'trend', logGrowthPerDay: Math.log(1 + uniform(rng, ...shape.growth30)) / 30 };
    case 'decline':
      return { kind: 'decline', start: intBetween(rng, ...shape.startDaysAgo), logFactorPerDay: Math.log(uniform(rng, ...shape.factor30)) / 30 };
    case 'stop':
      return { kind: 'stop', last: intBetween(rng, ...shape.lastDayAgo) };
    case 'bursts':
      return { kind: 'bursts', high: shape.high, low: shape.low, logGrowthPerDay: Math.log(1 + uniform(rng, ...shape.growth30)) / 30 };
    case 'spike':
      return { kind: 'spike', start: intBetween(rng, ...shape.startDaysAgo), factor: shape.factor };
    case 'none':
      return { kind: 'none' };
  }
}

/**
 * Week w counts back from T (w = 0 is T-6..T). High weeks 0, 2, 5, 7 make the 8 weekly totals 4 high
 * and 4 low (cv ≈ 0.74), and put exactly two whole high weeks in each 30-day window (T-29..T and
 * T-59..T-30) while the partial weeks 4 and 8 at the windows' edges are low: growth_30d does not
 * swing with T's weekday. Older weeks simply alternate.
 */
function isBurstWeek(w: number): boolean {
  return w < 8 ? w === 0 || w === 2 || w === 5 || w === 7 : w % 2 === 1;
}

export function levelAt(level: Level, d: number): number {
  switch (level.kind) {
    case 'trend':
      return Math.exp(-d * level.logGrowthPerDay);
    case 'decline':
      return d >= level.start ? 1 : Math.exp((level.start - d) * level.logFactorPerDay);
    case 'stop':
      if (d < level.last) return 0;
      return d >= STOP_FADE_FROM ? 1 : 1 - (0.5 * (STOP_FADE_FROM - d)) / (STOP_FADE_FROM - level.last);
    case 'bursts':
      return Math.exp(-d * level.logGrowthPerDay) * (isBurstWeek(Math.floor(d / 7)) ? level.high : level.low);
    case 'spike':
      return d <= level.start ? level.factor : 1;
    case 'none':
      return 0;
  }
}

/** The first day ago (largest d) of the spike, for sizing the budget just above normal spend. */
export function spikeStart(level: Level): number | null {
  return level.kind === 'spike' ? level.start : null;
}
