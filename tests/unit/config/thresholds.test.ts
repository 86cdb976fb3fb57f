/**
 * Thresholds that cannot lie: every threshold checked against its meaning in SIGNALS.md, for the
 * default and for each segment's merged thresholds, each problem naming its config path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/commands/config';
import { DEFAULT_THRESHOLDS, mergeThresholds, thresholdConfigProblems, thresholdProblems, type ThresholdOverrides } from '../../../src/config/thresholds';
import { computeSignals } from '../../../src/signals/compute';
import { isPulseError } from '../../../src/errors';
import { makeAggregates } from '../signals/factory';

const problemsWith = (o: ThresholdOverrides) => thresholdProblems(mergeThresholds(DEFAULT_THRESHOLDS, o), 'thresholds.default');

describe('thresholdProblems', () => {
  it('passes the spec defaults', () => {
    expect(thresholdProblems(DEFAULT_THRESHOLDS, 'thresholds.default')).toEqual([]);
  });

  it('rejects the four configs of issue 11, naming each path', () => {
    expect(problemsWith({ health: { weights: { trend: -5 } } })).toEqual([
      'thresholds.default.health.weights.trend: must be 0 or more, got -5',
      'thresholds.default.health.weights: must sum to 100, got 70',
    ]);
    expect(problemsWith({ health: { tiers: { healthy: 30, watch: 60 } } })).toEqual([
      'thresholds.default.health.tiers.healthy: must be greater than health.tiers.watch (60), got 30',
    ]);
    expect(problemsWith({ trend: { growing_pct: -50, declining_pct: 50 } })).toEqual([
      'thresholds.default.trend.growing_pct: must be 0 or more (a growth rate), got -50',
      'thresholds.default.trend.declining_pct: must be above -100 and 0 or less (a decline), got 50',
      'thresholds.default.trend.growing_pct: must be greater than trend.declining_pct (50), got -50',
    ]);
    expect(problemsWith({ commitment: { under_pct: 95, over_pct: 10 } })).toEqual([
      'thresholds.default.commitment.over_pct: must be greater than commitment.under_pct (95), got 10',
    ]);
  });

  it('shows why: with weights.trend −5 the health score left 0..100', () => {
    const bad = mergeThresholds(DEFAULT_THRESHOLDS, { health: { weights: { trend: -5, commitment: 0, predictability: 0, breadth: 0, engagement: 0 } } });
    // value 100 × 15, trend 0 × −5: (1500 − 0) / 10 = 150.
    const s = computeSignals(makeAggregates({ spend_30d: 1000, spend_prev_30d: 3000, outcomes: { count_30d: 1, value_30d: 10_000, count_prev_30d: 1, first_roi_day: null } }), bad);
    expect(s.health_score).toBeGreaterThan(100);
    expect(thresholdProblems(bad, 'thresholds.default').length).toBeGreaterThan(0);
  });

  it('checks the other orderings, signs and ranges', () => {
    expect(problemsWith({
      predictability: { predictable_cv: 0.5, variable_cv: 0.25 },
      bill_shock: { budget_elevated_ratio: 1.2, last_month_high_ratio: 1 },
      time_to_value: { meaningful_units_min: 0, meaningful_target_share: 2 },
      value: { overconsumption_growth_pct: -5, overconsumption_efficiency_change_pct: 20 },
      health: { points: { value: [[0, 0], [3, 120]] }, tiers: { watch: -1 } },
      expansion: { rapid_growth_pct: 0, points: { team_spread: 150 } },
      nrr: { min_tenure_days: 100 },
      coverage: { tech_touch_arr: 200000 },
    }).map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'thresholds.default.predictability.variable_cv',
      'thresholds.default.bill_shock.budget_high_ratio',
      'thresholds.default.bill_shock.last_month_high_ratio',
      'thresholds.default.time_to_value.meaningful_units_min',
      'thresholds.default.time_to_value.meaningful_target_share',
      'thresholds.default.value.overconsumption_growth_pct',
      'thresholds.default.value.overconsumption_efficiency_change_pct',
      'thresholds.default.health.points.value',
      'thresholds.default.health.tiers.watch',
      'thresholds.default.expansion.rapid_growth_pct',
      'thresholds.default.expansion.points.team_spread',
      'thresholds.default.nrr.min_tenure_days',
      'thresholds.default.coverage.high_touch_arr',
    ]);
  });

  it('refuses numbers YAML can spell that mean nothing here', () => {
    expect(problemsWith({ coverage: { high_touch_arr: Number.POSITIVE_INFINITY } })).toEqual([
      'thresholds.default.coverage.high_touch_arr: must be a finite number, got Infinity',
    ]);
  });
});

describe('thresholdConfigProblems (a config file section)', () => {
  it('checks each segment merged over the default, and reports an inherited problem once', () => {
    expect(
      thresholdConfigProblems({
        default: { health: { tiers: { healthy: 30, watch: 60 } } },
        segments: { smb: { trend: { growing_pct: -50 } }, enterprise: { coverage: { high_touch_arr: 500000 } } },
      }),
    ).toEqual([
      'thresholds.default.health.tiers.healthy: must be greater than health.tiers.watch (60), got 30',
      'thresholds.segments.smb.trend.growing_pct: must be 0 or more (a growth rate), got -50',
      'thresholds.segments.smb.trend.growing_pct: must be greater than trend.declining_pct (-10), got -50',
    ]);
  });

  it('catches a segment that breaks an ordering with a default it does not override', () => {
    expect(thresholdConfigProblems({ default: { commitment: { over_pct: 80 } }, segments: { smb: { commitment: { under_pct: 85 } } } })).toEqual([
      'thresholds.segments.smb.commitment.over_pct: must be greater than commitment.under_pct (85), got 80',
    ]);
  });
});

describe('loadConfig refuses thresholds that lie', () => {
  function loadError(yaml: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-thresholds-'));
    writeFileSync(join(dir, 'pulse.config.yaml'), yaml);
    try {
      loadConfig({}, dir);
    } catch (error) {
      if (isPulseError(error) && error.code === 'CONFIG_INVALID') return error.message;
      throw error;
    }
    throw new Error('expected the config to be rejected');
  }

  it('names every bad key of the default and of each segment, with the file', () => {
    const message = loadError(
      ['thresholds:', '  default:', '    health:', '      weights: { trend: -5 }', '  segments:', '    smb:', '      trend: { growing_pct: -50, declining_pct: 50 }', ''].join('\n'),
    );
    expect(message).toMatch(/pulse\.config\.yaml: thresholds\.default\.health\.weights\.trend: must be 0 or more, got -5/);
    expect(message).toMatch(/pulse\.config\.yaml: thresholds\.segments\.smb\.trend\.growing_pct: must be greater than trend\.declining_pct \(50\), got -50/);
  });

  it('accepts a sensible override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-thresholds-'));
    writeFileSync(join(dir, 'pulse.config.yaml'), 'thresholds:\n  segments:\n    smb:\n      trend: { growing_pct: 5, declining_pct: -5 }\n');
    expect(loadConfig({}, dir).thresholds.segments.smb).toEqual({ trend: { growing_pct: 5, declining_pct: -5 } });
  });
});
