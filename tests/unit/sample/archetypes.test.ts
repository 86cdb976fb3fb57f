import { ARCHETYPES, ARCHETYPE_NAMES, archetypeOf, generateSample } from '../../../sample-data';
import { evaluate } from './support/playbook-conditions';

const DEFAULT_SIZE = { accounts: 200, days: 450, seed: 1 };

// Month boundaries are where the bill-shock rule is most fragile: the first and last day of a
// month, March after February (leap and not), and a mid-month day.
const AS_OFS = ['2025-03-01', '2025-03-31', '2024-03-01', '2025-06-15', '2024-12-31'];

describe('sample archetypes', () => {
  it('have shares summing to 1 and unique names', () => {
    expect(ARCHETYPES.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 10);
    expect(new Set(ARCHETYPE_NAMES).size).toBe(ARCHETYPES.length);
  });

  it('all appear at the default size, near their share, and archetypeOf agrees with the generator', () => {
    const counts = new Map<string, number>();
    for (const s of generateSample({ ...DEFAULT_SIZE, asOf: '2025-03-31' })) {
      counts.set(s.archetype, (counts.get(s.archetype) ?? 0) + 1);
      expect(archetypeOf(s.account.account_id, DEFAULT_SIZE.seed)).toBe(s.archetype);
    }
    for (const a of ARCHETYPES) expect(Math.abs((counts.get(a.name) ?? 0) - a.share * 200)).toBeLessThanOrEqual(3);
  });

  it.each(AS_OFS)('fire exactly their expected playbooks as of %s', (asOf) => {
    const mismatches: string[] = [];
    for (const s of generateSample({ ...DEFAULT_SIZE, asOf })) {
      const expected = [...(ARCHETYPES.find((a) => a.name === s.archetype)?.expectedPlaybooks ?? [])].sort();
      const got = evaluate(s, asOf).playbooks.sort();
      if (got.join() !== expected.join()) mismatches.push(`${s.account.account_id} ${s.archetype}: expected [${expected.join()}], got [${got.join()}]`);
    }
    expect(mismatches).toEqual([]);
  });

  it('show the shapes they are named for', () => {
    const asOf = '2025-03-31';
    const byArchetype = new Map<string, ReturnType<typeof evaluate>[]>();
    for (const s of generateSample({ ...DEFAULT_SIZE, asOf })) {
      byArchetype.set(s.archetype, [...(byArchetype.get(s.archetype) ?? []), evaluate(s, asOf)]);
    }
    const all = (name: string, test: (f: ReturnType<typeof evaluate>) => boolean): boolean => (byArchetype.get(name) ?? []).every(test);
    expect(all('declining', (f) => f.trend === 'declining' && (f.growthPct ?? 0) < -20)).toBe(true);
    expect(all('stopped', (f) => f.trend === 'stopped' && f.cv === null)).toBe(true);
    expect(all('volatile', (f) => (f.cv ?? 0) >= 0.6 && (f.growthPct ?? -100) > 0)).toBe(true);
    expect(all('early_commit_exhaustion', (f) => (f.commitDaysEarly ?? 0) >= 60)).toBe(true);
    expect(all('commit_underuse', (f) => (f.commitProjectedPct ?? 100) < 60 && (f.commitElapsed ?? 0) >= 60)).toBe(true);
    expect(all('bill_shock_spike', (f) => f.budget !== null && f.forecast > 1.5 * f.budget)).toBe(true);
    expect(all('heavy_use_without_value', (f) => (f.roi ?? 1) < 0.7)).toBe(true);
    expect(all('multi_team_spread', (f) => f.expansionSignal === 'team_spread')).toBe(true);
    expect(all('new_use_cases', (f) => f.expansionSignal === 'feature_breadth')).toBe(true);
    expect(all('onboarding_stall', (f) => f.onboarding === 'stalled' && f.spend30 === 0)).toBe(true);
    // Everyone meant to be healthy keeps roi well above 1 and growth well above −10.
    const healthy = ['steady', 'land_and_expand', 'early_commit_exhaustion', 'commit_underuse', 'multi_team_spread', 'new_use_cases'];
    for (const name of healthy) expect(all(name, (f) => (f.roi ?? 0) >= 1.5 && (f.growthPct === null || f.growthPct > -5))).toBe(true);
    // Young accounts exist and read as new.
    expect((byArchetype.get('steady') ?? []).some((f) => f.trend === 'new')).toBe(true);
  });
});
