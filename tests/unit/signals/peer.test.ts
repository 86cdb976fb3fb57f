import { computeSignals } from '../../../src/signals/compute';
import { makeAggregates, makeThresholds } from './factory';

const t = makeThresholds();
const peer = { cohort_size: 5, lower: 2, equal: 1, p25: 1199.5, p75: 4800.25 };

describe('peer benchmark (§8)', () => {
  it('places the account among the other accounts of its cohort', () => {
    const s = computeSignals(makeAggregates({ peer }), t);
    expect(s.peer_percentile).toBe(62.5); // (2 + 0.5 × 1) / 4
    expect(s.peer_range).toBe('$1,200–$4,800');
  });

  it('runs from 0 for the lowest to 100 for the highest', () => {
    expect(computeSignals(makeAggregates({ peer: { ...peer, lower: 0, equal: 0 } }), t).peer_percentile).toBe(0);
    expect(computeSignals(makeAggregates({ peer: { ...peer, lower: 4, equal: 0 } }), t).peer_percentile).toBe(100);
  });

  it('needs a cohort of min_cohort', () => {
    const small = computeSignals(makeAggregates({ peer: { ...peer, cohort_size: 4, lower: 2, equal: 1 } }), t);
    expect(small).toMatchObject({ peer_percentile: null, peer_range: null });
    const loose = computeSignals(makeAggregates({ peer: { ...peer, cohort_size: 4 } }), makeThresholds({ peer: { min_cohort: 4 } }));
    expect(loose.peer_percentile).toBeCloseTo(250 / 3, 10);
  });

  it('has no percentile for a cohort of one, whatever min_cohort says', () => {
    const alone = computeSignals(makeAggregates({ peer: { ...peer, cohort_size: 1, lower: 0, equal: 0 } }), makeThresholds({ peer: { min_cohort: 1 } }));
    expect(alone.peer_percentile).toBeNull();
  });
});
