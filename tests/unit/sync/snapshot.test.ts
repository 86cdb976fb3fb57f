import { DEFAULT_THRESHOLDS } from '../../../src/config/thresholds';
import { budgetForMonth, buildSnapshot, consoleUrl, historyValues } from '../../../src/sync/snapshot';
import { makeAccount } from './factories';
import { dayReadingOf } from '../../../src/sync/state';

const THRESHOLDS = { default: DEFAULT_THRESHOLDS, segments: {} };

describe('budgetForMonth', () => {
  it("prorates the commitment to the days of the as-of month inside its period", () => {
    // A year of 366 days (2024), February has 29 of them.
    expect(budgetForMonth({ period_start: '2024-01-01', period_end: '2024-12-31', committed_usd: 36600 }, '2024-02-20')).toBe(2900);
    // The period starts mid-month: only its days count.
    expect(budgetForMonth({ period_start: '2024-02-16', period_end: '2024-03-16', committed_usd: 3000 }, '2024-02-20')).toBeCloseTo((3000 * 14) / 30, 2);
  });
  it('is null without a commitment', () => {
    expect(budgetForMonth(null, '2024-02-20')).toBeNull();
  });
});

describe('buildSnapshot', () => {
  const base = makeAccount({ account_id: 'a/1', name: 'Acme' }, { as_of: '2024-02-20', health_score: 71.6, growth_30d_pct: -8, commit_projected_pct: 61 });
  const computed = { ...base, spend_day: 42.5, commitment: { period_start: '2024-01-01', period_end: '2024-12-31', committed_usd: 36600 } };

  it('keeps the components, the day spend, the commitment and the name; no change without a week-ago snapshot', () => {
    const s = buildSnapshot(computed, THRESHOLDS, null);
    expect(s).toMatchObject({
      account_id: 'a/1', as_of: '2024-02-20', spend_day: 42.5, budget_month_usd: 2900, name: 'Acme',
      commitment: { period_start: '2024-01-01', period_end: '2024-12-31', committed_usd: 36600 },
      health_score_change_7d: null, health_change_reason: null,
    });
    expect(s.components.trend).toEqual({ input: -8, score: expect.closeTo(44, 5) });
    expect(s.components.commitment).toEqual({ input: 61, score: expect.closeTo(42, 5) });
  });

  it('reads the change against the snapshot of 7 days before', () => {
    const before = makeAccount({ account_id: 'a/1' }, { as_of: '2024-02-13', health_score: 80.2, growth_30d_pct: -8, commit_projected_pct: 92 });
    const weekAgo = buildSnapshot({ ...before, spend_day: 0, commitment: null }, THRESHOLDS, null);
    const s = buildSnapshot(computed, THRESHOLDS, dayReadingOf(weekAgo));
    expect(s.health_score_change_7d).toBe(72 - 80);
    expect(s.health_change_reason).toBe('commitment pace fell from 92% to 61% of commitment');
  });
});

describe('consoleUrl', () => {
  it('points under PULSE_PUBLIC_URL with the account id encoded, else null', () => {
    expect(consoleUrl('https://pulse.example.com/', 'a/1 b')).toBe('https://pulse.example.com/console/accounts/a%2F1%20b');
    expect(consoleUrl(undefined, 'a')).toBeNull();
    const snapshot = buildSnapshot({ ...makeAccount(), spend_day: 0, commitment: null }, THRESHOLDS, null);
    expect(historyValues(snapshot, undefined)).toEqual({ health_score_change_7d: null, health_change_reason: null, console_url: null });
  });
});
