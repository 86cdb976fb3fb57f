import { SIGNAL_FIELDS } from '../../../src/domain/signals';
import { closestNames, didYouMean, editDistance } from '../../../src/playbooks';

describe('did you mean', () => {
  it.each([
    ['spend_30d', 'spend_30d', 0],
    ['spend_7d', 'spend_30d', 2],
    ['trnd', 'trend', 1],
    ['tredn', 'trend', 1], // a swap is one edit
    ['', 'abc', 3],
  ])('edit distance %j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('offers at most 3 names, closest first, out of all 58 fields', () => {
    expect(SIGNAL_FIELDS.length).toBeGreaterThan(50);
    expect(closestNames('spend', SIGNAL_FIELDS)).toEqual(['spend_30d', 'spend_prev_30d', 'trend']);
    expect(closestNames('commit_pct', SIGNAL_FIELDS).length).toBeLessThanOrEqual(3);
    expect(closestNames('Health_Score', SIGNAL_FIELDS)[0]).toBe('health_score');
    expect(closestNames('tenure', SIGNAL_FIELDS)).toEqual(['tenure_days']);
  });

  it('offers nothing when no name is close, rather than unrelated ones', () => {
    expect(closestNames('owner', SIGNAL_FIELDS)).toEqual([]);
    expect(closestNames('process.exit()', SIGNAL_FIELDS)).toEqual([]);
    expect(didYouMean('zzz', ['a', 'b'])).toBeNull();
  });

  it('reads as a question', () => {
    expect(didYouMean('helth_score', SIGNAL_FIELDS)).toBe('did you mean health_score or health_tier?');
    expect(didYouMean('cooldown', ['cooldown_days'])).toBe('did you mean cooldown_days?');
    expect(didYouMean('ab', ['ab1', 'ab2', 'ab3', 'ab4'])).toBe('did you mean ab1, ab2 or ab3?');
  });
});
