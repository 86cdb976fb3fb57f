import type { Signals } from '../../../src/domain/signals';
import { evaluateCondition, type Condition } from '../../../src/playbooks';
import { makeSignals } from './make-signals';

function check(condition: Condition, overrides: Partial<Signals> = {}): boolean {
  return evaluateCondition(condition, makeSignals(overrides)).matched;
}

describe('conditions', () => {
  it('compare numbers with every op, on unrounded values', () => {
    const at = { growth_30d_pct: -10.04 };
    expect(check({ field: 'growth_30d_pct', op: 'lte', value: -10 }, at)).toBe(true);
    expect(check({ field: 'growth_30d_pct', op: 'lt', value: -10.04 }, at)).toBe(false);
    expect(check({ field: 'growth_30d_pct', op: 'gte', value: -10.04 }, at)).toBe(true);
    expect(check({ field: 'growth_30d_pct', op: 'gt', value: -10.05 }, at)).toBe(true);
    expect(check({ field: 'growth_30d_pct', op: 'eq', value: -10 }, at)).toBe(false);
    expect(check({ field: 'growth_30d_pct', op: 'ne', value: -10 }, at)).toBe(true);
  });

  it('order dates as dates', () => {
    const signals = { commit_exhaustion_date: '2024-03-09' };
    expect(check({ field: 'commit_exhaustion_date', op: 'lt', value: '2024-03-10' }, signals)).toBe(true);
    expect(check({ field: 'commit_exhaustion_date', op: 'gt', value: '2024-03-10' }, signals)).toBe(false);
  });

  it('treat every comparison on a null figure as false, ne and in included', () => {
    const none = { commit_status: null, commit_projected_pct: null };
    expect(check({ field: 'commit_status', op: 'eq', value: 'under' }, none)).toBe(false);
    expect(check({ field: 'commit_status', op: 'ne', value: 'under' }, none)).toBe(false);
    expect(check({ field: 'commit_status', in: ['under', 'over'] }, none)).toBe(false);
    expect(check({ field: 'commit_projected_pct', op: 'lt', value: 70 }, none)).toBe(false);
    expect(check({ field: 'commit_projected_pct', op: 'gte', value: 70 }, none)).toBe(false);
    // Null is reachable only on purpose: is_null, or not.
    expect(check({ field: 'commit_status', is_null: true }, none)).toBe(true);
    expect(check({ field: 'commit_status', is_null: false }, none)).toBe(false);
    expect(check({ not: { field: 'commit_status', op: 'eq', value: 'under' } }, none)).toBe(true);
  });

  it('combine with all, any and not', () => {
    const under30 = { commit_status: 'under', commit_elapsed_days: 30 } as const;
    const both: Condition = { all: [{ field: 'commit_status', op: 'eq', value: 'under' }, { field: 'commit_elapsed_days', op: 'gte', value: 30 }] };
    expect(check(both, under30)).toBe(true);
    expect(check(both, { ...under30, commit_elapsed_days: 29 })).toBe(false);
    const either: Condition = { any: [{ field: 'trend', op: 'eq', value: 'stopped' }, { field: 'overconsumption', op: 'eq', value: true }] };
    expect(check(either, { overconsumption: true })).toBe(true);
    expect(check(either, {})).toBe(false);
    expect(check({ not: either }, {})).toBe(true);
  });

  it('report the figures that decided it and why, with the actual values', () => {
    const condition: Condition = {
      all: [
        { field: 'commit_status', op: 'eq', value: 'under' },
        { any: [{ field: 'commit_elapsed_days', op: 'gte', value: 30 }, { field: 'trend', op: 'eq', value: 'stopped' }] },
      ],
    };
    const result = evaluateCondition(condition, makeSignals({ commit_status: 'under', commit_elapsed_days: 45 }));
    // The `any` branch that did not hold (trend) is not part of the reason.
    expect(result).toEqual({
      matched: true,
      fields: ['commit_status', 'commit_elapsed_days'],
      because: '(commit_status (under) = under) and (commit_elapsed_days (45) ≥ 30)',
      rule: 'commit_status = under and commit_elapsed_days ≥ 30',
    });
    const missed = evaluateCondition(condition, makeSignals({ commit_status: 'on_track' }));
    expect(missed.matched).toBe(false);
    expect(missed.fields).toEqual(['commit_status']);
  });

  it('state the rule that held as the file writes it, with parentheses only around a nested group', () => {
    const condition: Condition = {
      any: [
        { all: [{ field: 'trend', in: ['declining', 'stopped'] }, { field: 'health_score', op: 'lt', value: 50 }] },
        { field: 'bill_shock_risk', op: 'eq', value: 'high' },
        { not: { field: 'segment', is_null: false } },
      ],
    };
    const result = evaluateCondition(condition, makeSignals({ trend: 'stopped', health_score: 31, bill_shock_risk: 'high', segment: null }));
    expect(result.rule).toBe('(trend in [declining, stopped] and health_score < 50) or bill_shock_risk = high or not (segment is not null)');
  });

  it('explain negations and nulls', () => {
    const result = evaluateCondition({ not: { field: 'predictability', is_null: true } }, makeSignals({ predictability: 'erratic' }));
    expect(result.because).toBe('not (predictability (erratic) is null)');
    expect(evaluateCondition({ field: 'bill_shock_risk', is_null: true }, makeSignals({ bill_shock_risk: null })).because)
      .toBe('bill_shock_risk (null) is null');
  });
});
