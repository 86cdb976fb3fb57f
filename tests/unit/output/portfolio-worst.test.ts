import { buildPortfolioReport } from '../../../src/report/portfolio';
import { makeAccount } from '../sync/factories';

const account = (id: string, health: number, tier: 'at_risk' | 'watch' | 'healthy', arr: number) =>
  makeAccount({ account_id: id }, { health_score: health, health_tier: tier, arr_usd: arr });

describe("the portfolio report's at-risk list", () => {
  it('ranks by ARR at stake and leaves out accounts that pay nothing and healthy ones', () => {
    const report = buildPortfolioReport([
      account('free-stopped', 0, 'at_risk', 0),
      account('small-bad', 10, 'at_risk', 20_000),
      account('big-watch', 60, 'watch', 400_000),
      account('healthy', 95, 'healthy', 1_000_000),
    ]);
    // Stakes: big-watch 400,000 × 40 = 16M; small-bad 20,000 × 90 = 1.8M.
    expect(report.worst.map((w) => w.account_id)).toEqual(['big-watch', 'small-bad']);
  });
});
