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
