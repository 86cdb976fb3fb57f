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

function pct(x: number): string {
  return `${roundTo(x, 1).toFixed(1)}%`;
}

/** What a CSM reads after the component name: the input, in words. */
export function describeInput(c: HealthComponent, x: number): string {
  switch (c) {
    case 'trend': {
      const r = roundTo(x, 1);
      return r === 0 ? 'spend flat in 30 days' : `spend ${r < 0 ? 'down' : 'up'} ${pct(Math.abs(x))} in 30 days`;
    }
    case 'commitment':
      return `on pace for ${pct(x)} of commitment`;
    case 'predictability':
      return `weekly spend CV ${roundTo(x, 2).toFixed(2)}`;
    case 'breadth':
      return plural(x, 'use case');
    case 'engagement':
      return `stickiness ${pct(x)} (DAU/MAU)`;
    case 'value':
      return `ROI ${formatMultiple(x)}`;
  }
}

/**
 * Format: `<component>: <input in words>` for up to 3 components, worst first by
 * weight × (100 − score), joined by "; ", e.g.
 * `trend: spend down 34.2% in 30 days; value: ROI 0.4×; breadth: 1 use case`.
 * Components with no shortfall are left out, so a perfect score gives ''; null when no component
 * could be scored (health_score is null too).
 */
export function riskDrivers(
  inputs: HealthInputs,
  scores: Record<HealthComponent, number | null>,
  weights: Thresholds['health']['weights'],
): string | null {
  const scored = HEALTH_COMPONENTS.filter((c) => scores[c] !== null);
  if (scored.length === 0) return null;
  const shortfall = (c: HealthComponent): number => weights[c] * (100 - (scores[c] ?? 100));
  return scored
    .filter((c) => shortfall(c) > 0)
    .sort((a, b) => shortfall(b) - shortfall(a))
    .slice(0, 3)
    .map((c) => `${c}: ${describeInput(c, inputs[c] ?? 0)}`)
    .join('; ');
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
