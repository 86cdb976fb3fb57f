import { generateSample } from '../../../sample-data';

describe('sample seasonality', () => {
  it('makes weekdays heavier than weekends for nearly every account, in every segment', () => {
    const bySegment = new Map<string, { heavier: number; total: number }>();
    for (const s of generateSample({ accounts: 200, asOf: '2025-03-31' })) {
      const sums = [0, 0];
      const days = [new Set<string>(), new Set<string>()];
      for (const u of s.usage) {
        const dow = new Date(`${u.day}T00:00:00Z`).getUTCDay();
        const weekend = dow === 0 || dow === 6 ? 1 : 0;
        sums[weekend] = (sums[weekend] ?? 0) + u.cost_usd;
        days[weekend]?.add(u.day);
      }
      if (s.usage.length === 0 || sums[0] === 0) continue;
      const weekdayMean = (sums[0] ?? 0) / (days[0]?.size ?? 1);
      const weekendMean = (sums[1] ?? 0) / Math.max(1, days[1]?.size ?? 0);
      const seg = bySegment.get(s.account.segment ?? '') ?? { heavier: 0, total: 0 };
      seg.total++;
      if (weekdayMean > weekendMean) seg.heavier++;
      bySegment.set(s.account.segment ?? '', seg);
    }
    expect([...bySegment.keys()].sort()).toEqual(['enterprise', 'mid_market', 'smb']);
    for (const { heavier, total } of bySegment.values()) expect(heavier / total).toBeGreaterThan(0.9);
  });
});
