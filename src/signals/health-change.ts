/**
 * The 7-day health change (issue 15): how many points the score moved against the snapshot of 7 days
 * before, and the component that moved it most, in a sentence with its input then and now. Pure.
 */
import type { Thresholds } from '../config/thresholds';
import { HEALTH_COMPONENTS, type HealthComponent } from './health';
import { roundTo } from './round';
import { formatMultiple, formatInteger } from './text';

/** One component as computed on a day: its input signal and its 0–100 score (null: dropped out). */
export interface ComponentReading {
  input: number | null;
  score: number | null;
}

export type ComponentReadings = Record<HealthComponent, ComponentReading>;

/**
 * Rounded score now − rounded score then (each rounded half up, as output shows it), so the change
 * is the difference a CRM user sees between the two values; null when either score is null.
 */
export function healthScoreChange(now: number | null, then: number | null): number | null {
  if (now === null || then === null) return null;
  return roundTo(now, 0) - roundTo(then, 0);
}

/** Up to 1 decimal, no trailing ".0", as the risk drivers write figures. */
function figure(x: number, decimals = 1): string {
  return String(roundTo(x, decimals));
}

const pct = (x: number): string => `${figure(x)}%`;
const signedPct = (x: number): string => `${roundTo(x, 1) > 0 ? '+' : ''}${pct(x)}`;

/** What each component's input is called, and how a value of it is written. */
const WORDING: Record<HealthComponent, { subject: string; value: (x: number) => string; tail: string }> = {
  trend: { subject: 'spend growth', value: signedPct, tail: ' vs the previous 30 days' },
  commitment: { subject: 'commitment pace', value: pct, tail: ' of commitment' },
  predictability: { subject: 'spend variability', value: (x) => figure(x, 2), tail: '' },
  breadth: { subject: 'use cases', value: formatInteger, tail: '' },
  engagement: { subject: 'stickiness', value: pct, tail: '' },
  value: { subject: 'value delivered', value: formatMultiple, tail: ' spend' },
};

/** `commitment pace fell from 92% to 61% of commitment`: the direction is the input's, not the score's. */
export function describeChange(component: HealthComponent, then: number, now: number): string {
  const w = WORDING[component];
  const verb = now > then ? 'rose' : 'fell';
  return `${w.subject} ${verb} from ${w.value(then)} to ${w.value(now)}${w.tail}`;
}

/**
 * The component whose weighted score change contributed most to the score's change:
 * |weight × Δscore| / Σ weights of the components scored on both days (the same divisor for every
 * component, so it only scales). A component null on either day is skipped (nothing to compare).
 * Ties go to the first in SIGNALS.md §9's table order. Null when the score did not change (`change`
 * 0 or null), or no component both scored on both days and moved.
 * Decision: the largest absolute contribution, whichever its direction, as the issue states it; a
 * score that fell by 2 because commitment fell 10 and trend rose 8 names commitment.
 */
export function healthChangeReason(
  then: ComponentReadings,
  now: ComponentReadings,
  weights: Thresholds['health']['weights'],
  change: number | null,
): string | null {
  if (change === null || change === 0) return null;
  let best: { component: HealthComponent; contribution: number } | null = null;
  for (const c of HEALTH_COMPONENTS) {
    const a = then[c];
    const b = now[c];
    if (a.score === null || b.score === null || a.input === null || b.input === null) continue;
    const contribution = Math.abs(weights[c] * (b.score - a.score));
    if (contribution > 0 && (best === null || contribution > best.contribution)) best = { component: c, contribution };
  }
  if (best === null) return null;
  const c = best.component;
  return describeChange(c, then[c].input as number, now[c].input as number);
}
