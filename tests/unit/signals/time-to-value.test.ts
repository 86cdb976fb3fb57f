import { computeSignals } from '../../../src/signals/compute';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();
const start = '2024-02-01';
const ttv = (o: Parameters<typeof makeAggregates>[0]) => computeSignals(makeAggregates({ ...o, account: { contract_start: start, ...o?.account } }), t);

describe('time to value (§5)', () => {
  it('is on track up to 14 days, late after', () => {
    expect(ttv({ first_meaningful_day: '2024-02-15' })).toMatchObject({ ttfv_days: 14, onboarding: 'on_track' });
    expect(ttv({ first_meaningful_day: '2024-02-16' })).toMatchObject({ ttfv_days: 15, onboarding: 'late' });
    expect(ttv({ first_meaningful_day: '2024-02-01' })).toMatchObject({ ttfv_days: 0, onboarding: 'on_track' });
  });

  it('is pending up to 14 days of tenure without a meaningful day, stalled after', () => {
    expect(ttv({ as_of: '2024-02-15', first_meaningful_day: null })).toMatchObject({ ttfv_days: null, onboarding: 'pending' });
    expect(ttv({ as_of: '2024-02-16', first_meaningful_day: null })).toMatchObject({ ttfv_days: null, onboarding: 'stalled' });
  });

  it('counts across the leap day', () => {
    expect(ttv({ as_of: '2024-03-05', first_meaningful_day: '2024-03-01' }).ttfv_days).toBe(29);
  });

  it('times the target only with a target', () => {
    expect(ttv({ first_target_day: '2024-02-18', account: { target_daily_units: 1000 } }).time_to_target_days).toBe(17);
    expect(ttv({ first_target_day: null, account: { target_daily_units: 1000 } }).time_to_target_days).toBeNull();
    expect(ttv({ first_target_day: '2024-02-18', account: { target_daily_units: null } }).time_to_target_days).toBeNull();
  });

  it('times ROI from the outcomes model, null without it or before it is reached', () => {
    const outcomes = { count_30d: 1, value_30d: 1, count_prev_30d: 0 };
    expect(ttv({ outcomes: { ...outcomes, first_roi_day: '2024-02-11' } }).time_to_roi_days).toBe(10);
    expect(ttv({ outcomes: { ...outcomes, first_roi_day: null } }).time_to_roi_days).toBeNull();
    expect(ttv({ outcomes: null }).time_to_roi_days).toBeNull();
  });
});
