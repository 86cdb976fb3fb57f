/** SIGNALS.md §9: the health score, its tier and the reasons behind it. */
import type { HealthTier, Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { piecewise } from './piecewise';
import { clean, roundTo } from './round';
import { formatMultiple, plural } from './text';

export type HealthComponent = keyof Thresholds['health']['weights'];
export type HealthSignals = Pick<Signals, 'health_score' | 'health_tier' | 'risk_drivers'>;

/** In SIGNALS.md's table order, which also breaks ties between equal risk drivers. */
export const HEALTH_COMPONENTS: readonly HealthComponent[] = ['trend', 'commitment', 'predictability', 'breadth', 'engagement', 'value'];

/** Each component's input signal; null drops the component. */
export type HealthInputs = Record<HealthComponent, number | null>;

export function healthInputs(
  s: Pick<Signals, 'growth_30d_pct' | 'commit_projected_pct' | 'volatility_cv' | 'use_cases_30d' | 'stickiness_pct' | 'roi_multiple'>,
): HealthInputs {
  return {
    trend: s.growth_30d_pct,
    commitment: s.commit_projected_pct,
    predictability: s.volatility_cv,
    breadth: s.use_cases_30d,
    engagement: s.stickiness_pct,
    value: s.roi_multiple,
  };
}

/** Clamped to 0..100 as well, so that configured points outside that range cannot leak out. */
export function componentScores(inputs: HealthInputs, t: Thresholds['health']): Record<HealthComponent, number | null> {
  const out = {} as Record<HealthComponent, number | null>;
  for (const c of HEALTH_COMPONENTS) {
    const x = inputs[c];
    out[c] = x === null ? null : Math.min(100, Math.max(0, piecewise(t.points[c], x)));
  }
  return out;
}

/** Weighted mean over the non-null components, unrounded (output rounds it half up); null when none weighs. */
export function healthScore(scores: Record<HealthComponent, number | null>, weights: Thresholds['health']['weights']): number | null {
  let sum = 0;
  let weight = 0;
  for (const c of HEALTH_COMPONENTS) {
    const s = scores[c];
    if (s === null) continue;
    sum += weights[c] * s;
    weight += weights[c];
  }
  return weight > 0 ? clean(sum / weight) : null;
}

/** From the score rounded half up, as output shows it, so a 69.5 shown as 70 is never "watch". */
export function healthTier(score: number | null, tiers: Thresholds['health']['tiers']): HealthTier | null {
  if (score === null) return null;
  const rounded = roundTo(score, 0);
  if (rounded >= tiers.healthy) return 'healthy';
  return rounded >= tiers.watch ? 'watch' : 'at_risk';
}

/**
 * v1.1 §9: a component is a risk driver only when it scores below this, worse than neutral (a flat
 * trend scores 60). Fixed by the spec rather than a threshold, so a config cannot turn good news
 * back into a "risk".
 */
export const RISK_DRIVER_BELOW = 60;
/** §9: at most this many drivers. */
export const MAX_RISK_DRIVERS = 3;

/** A percentage in a sentence: up to 1 decimal, as output rounds it, without a trailing ".0" (18.0 → "18%"). */
function pctWords(x: number): string {
  return `${String(roundTo(Math.abs(x), 1))}%`;
}

/**
 * What a CSM reads after the component name: a plain sentence with the input in it. Written for the
 * scores below neutral that make a driver, but defined for any input (custom points may put any
 * input below neutral).
 */
export function describeInput(c: HealthComponent, x: number): string {
  switch (c) {
    case 'trend': {
      const r = roundTo(x, 1);
      return r === 0 ? 'spend flat vs the previous 30 days' : `spend ${r < 0 ? 'down' : 'up'} ${pctWords(x)} vs the previous 30 days`;
    }
    case 'commitment':
      return `on pace to use ${pctWords(x)} of the commitment by the end of its period`;
    case 'predictability':
      // CV = standard deviation / mean of the weekly totals: "swings N% around its average" is the same figure.
      return `weekly spend swings ${pctWords(x * 100)} around its average (last 8 weeks)`;
    case 'breadth':
      return roundTo(x, 0) === 0 ? 'no use case active in the last 30 days' : `only ${plural(x, 'use case')} active in the last 30 days`;
    case 'engagement':
      return `${pctWords(x)} of the month's users are active on an average day`;
    case 'value':
      return x === 0 ? 'no value recorded for the spend (0× spend)' : `value delivered is ${formatMultiple(x)} spend`;
  }
}

/**
 * Format (v1.1 §9): `<component>: <plain sentence with its input>` for the components scoring below
 * RISK_DRIVER_BELOW, at most MAX_RISK_DRIVERS, worst first by weight × (100 − score), ties in the
 * table's order (the sort is stable over HEALTH_COMPONENTS), joined by "; ", e.g.
 * `trend: spend down 34.2% vs the previous 30 days; value: value delivered is 0.4× spend`.
 * Null when no component is below neutral, or none could be scored.
 * Decision: a component below neutral but with weight 0 is still a driver (shortfall 0, so last):
 * the spec selects on the score and only orders by the weight.
 */
export function riskDrivers(
  inputs: HealthInputs,
  scores: Record<HealthComponent, number | null>,
  weights: Thresholds['health']['weights'],
): string | null {
  const shortfall = (c: HealthComponent): number => weights[c] * (100 - (scores[c] ?? 100));
  const drivers = HEALTH_COMPONENTS.filter((c) => {
    const score = scores[c];
    return score !== null && score < RISK_DRIVER_BELOW;
  })
    .sort((a, b) => shortfall(b) - shortfall(a))
    .slice(0, MAX_RISK_DRIVERS);
  if (drivers.length === 0) return null;
  return drivers.map((c) => `${c}: ${describeInput(c, inputs[c] ?? 0)}`).join('; ');
}

export function healthSignals(inputs: HealthInputs, t: Thresholds['health']): HealthSignals {
  const scores = componentScores(inputs, t);
  const score = healthScore(scores, t.weights);
  return {
    health_score: score,
    health_tier: healthTier(score, t.tiers),
    // With every weight 0 there is no score, so no reasons for it either.
    risk_drivers: score === null ? null : riskDrivers(inputs, scores, t.weights),
  };
}
