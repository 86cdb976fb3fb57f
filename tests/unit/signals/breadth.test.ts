import { computeSignals } from '../../../src/signals/compute';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();

describe('breadth and penetration (§6)', () => {
  it('counts new use cases and teams only from 90 days of tenure', () => {
    const at = (contract_start: string) =>
      computeSignals(makeAggregates({ new_use_cases_90d: 2, new_teams_90d: 1, account: { contract_start } }), t);
    expect(at('2023-11-23')).toMatchObject({ tenure_days: 89, new_use_cases_90d: null, new_teams_90d: null });
    expect(at('2023-11-22')).toMatchObject({ tenure_days: 90, new_use_cases_90d: 2, new_teams_90d: 1 });
  });

  it('carries the 30-day distinct counts, 0 included', () => {
    const s = computeSignals(makeAggregates({ use_cases_30d: 0, teams_30d: 0 }), t);
    expect(s).toMatchObject({ use_cases_30d: 0, teams_30d: 0 });
  });

  it('computes stickiness as the 28-day mean DAU over MAU on T', () => {
    const s = computeSignals(makeAggregates({ active_users: { dau_sum_28d: 280, mau_at_t: 40 } }), t);
    expect(s.stickiness_pct).toBe(25);
  });

  it('has no stickiness without a MAU row for T, with MAU 0, or without the model', () => {
    expect(computeSignals(makeAggregates({ active_users: { dau_sum_28d: 280, mau_at_t: null } }), t).stickiness_pct).toBeNull();
    expect(computeSignals(makeAggregates({ active_users: { dau_sum_28d: 0, mau_at_t: 0 } }), t).stickiness_pct).toBeNull();
    const none = computeSignals(makeAggregates({ active_users: null, account: { licensed_users: 100 } }), t);
    expect(none).toMatchObject({ stickiness_pct: null, user_penetration_pct: null });
  });

  it('computes penetration against licensed users, null without them', () => {
    const users = { dau_sum_28d: 280, mau_at_t: 50 };
    expect(computeSignals(makeAggregates({ active_users: users, account: { licensed_users: 200 } }), t).user_penetration_pct).toBe(25);
    expect(computeSignals(makeAggregates({ active_users: users, account: { licensed_users: null } }), t).user_penetration_pct).toBeNull();
    expect(computeSignals(makeAggregates({ active_users: users, account: { licensed_users: 0 } }), t).user_penetration_pct).toBeNull();
  });
});
