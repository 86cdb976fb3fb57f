/**
 * Every threshold and weight of SIGNALS.md, with its default. Config may override any of them,
 * globally or per segment (`thresholds.segments.<segment>`); see `src/config/schema.ts`.
 */
export interface Thresholds {
  trend: { growing_pct: number; declining_pct: number; new_tenure_days: number };
  predictability: { min_tenure_days: number; predictable_cv: number; variable_cv: number };
  commitment: { under_pct: number; over_pct: number };
  bill_shock: {
    /** With a budget: high above budget × this. */
    budget_high_ratio: number;
    budget_elevated_ratio: number;
    /** Without a budget: high above last month × this. */
    last_month_high_ratio: number;
    last_month_elevated_ratio: number;
  };
  time_to_value: { meaningful_units_min: number; meaningful_target_share: number; on_track_days: number };
  breadth: { new_min_tenure_days: number };
  value: { overconsumption_growth_pct: number; overconsumption_efficiency_change_pct: number; min_roi_multiple: number };
  peer: { min_cohort: number };
  health: {
    weights: { trend: number; commitment: number; predictability: number; breadth: number; engagement: number; value: number };
    /** Piecewise-linear points [input, score], clamped at the ends. */
    points: {
      trend: [number, number][];
      commitment: [number, number][];
      predictability: [number, number][];
      breadth: [number, number][];
      engagement: [number, number][];
      value: [number, number][];
    };
    tiers: { healthy: number; watch: number };
  };
  expansion: {
    early_exhaustion_days: number;
    usage_threshold_pct: number;
    outcome_velocity_pct: number;
    breadth_min_use_cases: number;
    rapid_growth_pct: number;
    /** Points per flag, in priority order. */
    points: {
      commit_early_exhaustion: number;
      usage_threshold: number;
      outcome_velocity: number;
      feature_breadth: number;
      team_spread: number;
      rapid_growth: number;
    };
  };
  nrr: { min_tenure_days: number };
  coverage: { high_touch_arr: number; tech_touch_arr: number };
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  trend: { growing_pct: 10, declining_pct: -10, new_tenure_days: 60 },
  predictability: { min_tenure_days: 56, predictable_cv: 0.25, variable_cv: 0.5 },
  commitment: { under_pct: 70, over_pct: 90 },
  bill_shock: { budget_high_ratio: 1, budget_elevated_ratio: 0.9, last_month_high_ratio: 1.5, last_month_elevated_ratio: 1.25 },
  time_to_value: { meaningful_units_min: 1, meaningful_target_share: 0.1, on_track_days: 14 },
  breadth: { new_min_tenure_days: 90 },
  value: { overconsumption_growth_pct: 25, overconsumption_efficiency_change_pct: -20, min_roi_multiple: 1 },
  peer: { min_cohort: 5 },
  health: {
    weights: { trend: 25, commitment: 20, predictability: 10, breadth: 15, engagement: 15, value: 15 },
    points: {
      trend: [[-30, 0], [0, 60], [20, 100]],
      commitment: [[40, 0], [70, 60], [90, 100], [130, 100], [160, 70]],
      predictability: [[0, 100], [0.5, 0]],
      breadth: [[0, 0], [1, 40], [2, 70], [3, 100]],
      engagement: [[0, 0], [50, 100]],
      value: [[0, 0], [1, 50], [3, 100]],
    },
    tiers: { healthy: 70, watch: 40 },
  },
  expansion: {
    early_exhaustion_days: 30,
    usage_threshold_pct: 90,
    outcome_velocity_pct: 150,
    breadth_min_use_cases: 3,
    rapid_growth_pct: 25,
    points: { commit_early_exhaustion: 30, usage_threshold: 25, outcome_velocity: 20, feature_breadth: 15, team_spread: 15, rapid_growth: 10 },
  },
  nrr: { min_tenure_days: 455 },
  coverage: { high_touch_arr: 100000, tech_touch_arr: 10000 },
};

type DeepPartial<T> = T extends [number, number][] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type ThresholdOverrides = DeepPartial<Thresholds>;

/** Overrides win key by key; arrays (piecewise points) are replaced whole. */
export function mergeThresholds(base: Thresholds, ...overrides: (ThresholdOverrides | undefined)[]): Thresholds {
  let out: Thresholds = base;
  for (const o of overrides) if (o) out = mergeDeep(out, o) as Thresholds;
  return out;
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (Array.isArray(override) || typeof override !== 'object' || override === null) return override;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(override)) out[k] = mergeDeep(out[k], v);
  return out;
}

/** The thresholds that apply to an account of `segment`. */
export function thresholdsFor(
  segment: string | null,
  config: { default: Thresholds; segments: Record<string, ThresholdOverrides> },
): Thresholds {
  return segment !== null && config.segments[segment] ? mergeThresholds(config.default, config.segments[segment]) : config.default;
}

/**
 * What each threshold means (SIGNALS.md), as checks a config must pass so that no label, score or
 * playbook contradicts it: signs, orderings and the weights' sum. The zod schema checks types and
 * keys; these check meaning, on the merged thresholds an account would get.
 * Each problem is `<path>.<key>: <why>`; a relation between two keys is reported on the one named
 * first in it (growing_pct, over_pct, healthy, ...).
 */
type Problem = [key: string, why: string];

/** SIGNALS.md §9: the component weights sum to 100, so weight × (100 − score) reads as points lost. */
export const HEALTH_WEIGHTS_SUM = 100;

const HEALTH_POINT_KEYS = ['trend', 'commitment', 'predictability', 'breadth', 'engagement', 'value'] as const;
const EXPANSION_POINT_KEYS = ['commit_early_exhaustion', 'usage_threshold', 'outcome_velocity', 'feature_breadth', 'team_spread', 'rapid_growth'] as const;

function problemsOf(t: Thresholds): Problem[] {
  const out: Problem[] = [];
  const need = (ok: boolean, key: string, why: string): void => {
    if (!ok) out.push([key, why]);
  };
  const atLeast = (key: string, x: number, min: number, what = ''): void => need(x >= min, key, `must be ${min} or more${what}, got ${x}`);
  const above = (key: string, x: number, otherKey: string, other: number, what = ''): void =>
    need(x > other, key, `must be greater than ${otherKey} (${other})${what}, got ${x}`);
  const positive = (key: string, x: number, what = ''): void => need(x > 0, key, `must be greater than 0${what}, got ${x}`);
  const between = (key: string, x: number, lo: number, hi: number, what = ''): void =>
    need(x >= lo && x <= hi, key, `must be between ${lo} and ${hi}${what}, got ${x}`);

  // §1: growing at or above +growing_pct, declining at or below declining_pct (a change of −100% is "stopped").
  atLeast('trend.growing_pct', t.trend.growing_pct, 0, ' (a growth rate)');
  need(t.trend.declining_pct <= 0 && t.trend.declining_pct > -100, 'trend.declining_pct', `must be above -100 and 0 or less (a decline), got ${t.trend.declining_pct}`);
  above('trend.growing_pct', t.trend.growing_pct, 'trend.declining_pct', t.trend.declining_pct);
  atLeast('trend.new_tenure_days', t.trend.new_tenure_days, 0);
  // §2: cv ≥ 0; predictable < predictable_cv ≤ variable < variable_cv ≤ erratic.
  atLeast('predictability.min_tenure_days', t.predictability.min_tenure_days, 0);
  positive('predictability.predictable_cv', t.predictability.predictable_cv);
  above('predictability.variable_cv', t.predictability.variable_cv, 'predictability.predictable_cv', t.predictability.predictable_cv);
  // §3: under below under_pct, over above over_pct, on_track between.
  atLeast('commitment.under_pct', t.commitment.under_pct, 0);
  above('commitment.over_pct', t.commitment.over_pct, 'commitment.under_pct', t.commitment.under_pct);
  // §4: elevated is the lower bar, high the higher one.
  positive('bill_shock.budget_elevated_ratio', t.bill_shock.budget_elevated_ratio);
  above('bill_shock.budget_high_ratio', t.bill_shock.budget_high_ratio, 'bill_shock.budget_elevated_ratio', t.bill_shock.budget_elevated_ratio);
  positive('bill_shock.last_month_elevated_ratio', t.bill_shock.last_month_elevated_ratio);
  above('bill_shock.last_month_high_ratio', t.bill_shock.last_month_high_ratio, 'bill_shock.last_month_elevated_ratio', t.bill_shock.last_month_elevated_ratio);
  // §5: a meaningful day has some units; the share is of the daily target.
  positive('time_to_value.meaningful_units_min', t.time_to_value.meaningful_units_min, ' (a day with no usage is not value)');
  between('time_to_value.meaningful_target_share', t.time_to_value.meaningful_target_share, 0, 1, ' (a share of target_daily_units)');
  atLeast('time_to_value.on_track_days', t.time_to_value.on_track_days, 0);
  atLeast('breadth.new_min_tenure_days', t.breadth.new_min_tenure_days, 0);
  // §7: overconsumption is spend growing while efficiency falls.
  atLeast('value.overconsumption_growth_pct', t.value.overconsumption_growth_pct, 0, ' (spend growing)');
  need(t.value.overconsumption_efficiency_change_pct <= 0, 'value.overconsumption_efficiency_change_pct', `must be 0 or less (efficiency falling), got ${t.value.overconsumption_efficiency_change_pct}`);
  atLeast('value.min_roi_multiple', t.value.min_roi_multiple, 0);
  // §8: the cohort counts the account itself (a cohort of 1 has no percentile either way).
  atLeast('peer.min_cohort', t.peer.min_cohort, 1, ' (the account itself counts)');
  // §9: weights ≥ 0 summing to 100; scores 0..100; tiers ordered within 0..100.
  const weights = t.health.weights;
  for (const c of HEALTH_POINT_KEYS) atLeast(`health.weights.${c}`, weights[c], 0);
  const sum = HEALTH_POINT_KEYS.reduce((n, c) => n + weights[c], 0);
  need(Math.abs(sum - HEALTH_WEIGHTS_SUM) < 1e-9, 'health.weights', `must sum to ${HEALTH_WEIGHTS_SUM}, got ${Number(sum.toPrecision(12))}`);
  for (const c of HEALTH_POINT_KEYS) {
    const pts = t.health.points[c];
    need(pts.every(([, score]) => score >= 0 && score <= 100), `health.points.${c}`, 'scores must be between 0 and 100');
    need(pts.length >= 2 && pts.every((p, i) => i === 0 || p[0] > (pts[i - 1] as [number, number])[0]), `health.points.${c}`, 'must have at least 2 points with increasing inputs');
  }
  between('health.tiers.watch', t.health.tiers.watch, 0, 100);
  between('health.tiers.healthy', t.health.tiers.healthy, 0, 100);
  above('health.tiers.healthy', t.health.tiers.healthy, 'health.tiers.watch', t.health.tiers.watch);
  // §10: bars on figures that are ≥ 0, a positive growth, points within the score's 0..100.
  atLeast('expansion.early_exhaustion_days', t.expansion.early_exhaustion_days, 0);
  atLeast('expansion.usage_threshold_pct', t.expansion.usage_threshold_pct, 0);
  atLeast('expansion.outcome_velocity_pct', t.expansion.outcome_velocity_pct, 0);
  atLeast('expansion.breadth_min_use_cases', t.expansion.breadth_min_use_cases, 1);
  positive('expansion.rapid_growth_pct', t.expansion.rapid_growth_pct, ' (a growth rate)');
  for (const f of EXPANSION_POINT_KEYS) between(`expansion.points.${f}`, t.expansion.points[f], 0, 100);
  // §11: the base window is T-454 .. T-365; a shorter tenure compares against a partial window.
  atLeast('nrr.min_tenure_days', t.nrr.min_tenure_days, DEFAULT_THRESHOLDS.nrr.min_tenure_days, ' (a year plus the 90-day base window)');
  // §12: high touch above tech touch.
  atLeast('coverage.tech_touch_arr', t.coverage.tech_touch_arr, 0);
  above('coverage.high_touch_arr', t.coverage.high_touch_arr, 'coverage.tech_touch_arr', t.coverage.tech_touch_arr);
  // YAML reads `.inf` and `.nan` as numbers; no threshold means anything there.
  walkNumbers(t, '', (key, x) => need(Number.isFinite(x), key, `must be a finite number, got ${x}`));
  return out;
}

function walkNumbers(value: unknown, key: string, visit: (key: string, x: number) => void): void {
  if (typeof value === 'number') visit(key, value);
  else if (Array.isArray(value)) value.flat().forEach((x) => walkNumbers(x, key, visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walkNumbers(v, key ? `${key}.${k}` : k, visit);
  }
}

/**
 * Every meaning problem of one set of thresholds, each `<path>.<key>: <why>`, e.g.
 * `thresholds.segments.smb.trend.growing_pct: must be greater than trend.declining_pct (50), got -50`.
 * @param path where these thresholds sit in the config, e.g. `thresholds.default`.
 */
export function thresholdProblems(thresholds: Thresholds, path: string): string[] {
  return problemsOf(thresholds).map(([key, why]) => `${path}.${key}: ${why}`);
}

/**
 * The problems of a config file's `thresholds` section: the defaults with `default` merged, then each
 * segment merged on top, as `thresholdsFor` hands them to accounts. A problem a segment only inherits
 * is reported once, on `thresholds.default`.
 * @param prefix put before each problem (the config file's path and ": ", as load.ts's other problems).
 */
export function thresholdConfigProblems(
  // As the file schema (src/config/thresholds-schema.ts) has parsed it: typed there as overrides of the defaults.
  section: { default?: unknown; segments?: Record<string, unknown> } | undefined,
  prefix = '',
): string[] {
  const base = mergeThresholds(DEFAULT_THRESHOLDS, section?.default as ThresholdOverrides | undefined);
  const inherited = new Set(problemsOf(base).map(([key, why]) => `${key}: ${why}`));
  const out = thresholdProblems(base, `${prefix}thresholds.default`);
  for (const [segment, overrides] of Object.entries(section?.segments ?? {})) {
    for (const [key, why] of problemsOf(mergeThresholds(base, overrides as ThresholdOverrides))) {
      if (!inherited.has(`${key}: ${why}`)) out.push(`${prefix}thresholds.segments.${segment}.${key}: ${why}`);
    }
  }
  return out;
}
