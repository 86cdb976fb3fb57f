import { computeSignals } from '../../../src/signals/compute';
import { PulseError } from '../../../src/errors';
import { makeAggregates, makeCommitment, makeThresholds } from './factory';

const t = makeThresholds();
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof PulseError ? `${e.code} ${e.place ?? ''}` : 'other';
  }
  return undefined;
};

describe('aggregates validation', () => {
  it('accepts the factory defaults', () => {
    expect(codeOf(() => computeSignals(makeAggregates(), t))).toBeUndefined();
  });

  it.each([
    ['weekly_spend', makeAggregates({ weekly_spend: [1, 2, 3] })],
    ['weekday_spend_28d', makeAggregates({ weekday_spend_28d: [1, 2, 3, 4, 5, 6, Number.NaN] })],
    ['spend_30d', makeAggregates({ spend_30d: -1 })],
    ['spend_prev_30d', makeAggregates({ spend_prev_30d: Number.POSITIVE_INFINITY })],
    ['as_of', makeAggregates({ as_of: '2023-02-29' })],
    ['account.contract_start', makeAggregates({ account: { contract_start: '20240101' } })],
    ['first_meaningful_day', makeAggregates({ first_meaningful_day: '2024-02-21' })],
    ['commitment', makeAggregates({ commitment: makeCommitment({ period_start: '2024-02-21' }) })],
    ['commitment.committed_usd', makeAggregates({ commitment: makeCommitment({ committed_usd: 0 }) })],
    ['peer', makeAggregates({ peer: { cohort_size: 2, lower: 1, equal: 1, p25: 0, p75: 0 } })],
  ])('rejects a bad %s with SIGNAL_INPUT_INVALID and its place', (field, agg) => {
    expect(codeOf(() => computeSignals(agg, t))).toBe(`SIGNAL_INPUT_INVALID acct-test.${field}`);
  });
});
