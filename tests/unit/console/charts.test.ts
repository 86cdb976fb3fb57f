import { burnDownChart } from '../../../src/console/charts/burn-down';
import { dailySpendChart } from '../../../src/console/charts/daily-spend';
import { healthChart } from '../../../src/console/charts/health';
import { tiersByCoverageChart, nrrBySegmentChart } from '../../../src/console/charts/portfolio';
import { sparkline } from '../../../src/console/charts/sparkline';
import { buildPortfolioReport } from '../../../src/report/portfolio';
import { HEALTH_COMPONENTS } from '../../../src/signals/health';
import { history, makeSnapshot } from '../../support/snapshots';

/** Whether `text` holds one well-formed <svg> element: tags balanced, nothing after the close. */
function svgOf(text: string): string {
  const m = /<svg[\s\S]*<\/svg>/.exec(text);
  if (m === null) throw new Error('no svg');
  const svg = m[0];
  const stack: string[] = [];
  for (const tag of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClosing] = tag;
    if (selfClosing === '/') continue;
    if (close === '/') expect(stack.pop()).toBe(name);
    else stack.push(name ?? '');
  }
  expect(stack).toEqual([]);
  return svg;
}

describe('console charts', () => {
  it('a sparkline is a polyline with an accessible summary of the spend', () => {
    const text = sparkline([10, 20, 5, 40]).text;
    const svg = svgOf(text);
    expect(svg).toMatch(/<polyline [^>]*points="1\.0,\d/);
    expect(svg).toContain('<title>90-day spend: $10 to $40 a day, peak $40</title>');
    expect(svg).toContain('role="img"');
    expect(sparkline([]).text).toContain('no data');
  });

  it('the burn-down marks and labels the projected exhaustion date, and says it in words', () => {
    const snaps = history('a', '2026-11-24', 90);
    const text = burnDownChart({
      commitment: { period_start: '2026-08-27', period_end: '2027-02-26', committed_usd: 12000 },
      series: snaps.map((s) => ({ as_of: s.as_of, spend_day: s.spend_day })),
      exhaustion_date: '2026-12-24',
      consumed_usd: 9000,
      run_rate_daily: 100,
    }).text;
    const svg = svgOf(text);
    expect(svg).toContain('Exhausts 2026-12-24');
    expect(svg).toContain('Committed $12k');
    expect(svg).toMatch(/<title>Commitment burn-down<\/title>/);
    expect(text).toContain('at the current rate it is exhausted on 2026-12-24, before 2027-02-26');
    // Anchored on the signal: the line ends at what was consumed, though history starts after period_start.
    expect(text).toContain('$9.0k of $12k committed spent from 2026-08-27 to 2026-11-24');
  });

  it('without a commitment the burn-down says so instead of drawing empty axes', () => {
    const text = burnDownChart({ commitment: null, series: [], exhaustion_date: null, consumed_usd: null, run_rate_daily: 0 }).text;
    expect(text).not.toContain('<svg');
    expect(text).toContain('No commitment covers the latest day.');
  });

  it('daily spend marks this month\'s forecast; health draws the score and each component', () => {
    const snaps = history('a', '2026-11-24', 180);
    const spend = dailySpendChart({ series: snaps.map((s) => ({ as_of: s.as_of, spend_day: s.spend_day })), as_of: '2026-11-24', forecast_month_usd: 3000, mtd_spend_usd: 2400, budget_month_usd: 2500 }).text;
    expect(svgOf(spend)).toContain('2026-11 forecast $3.0k');
    expect(spend).toContain('2026-11 is forecast at $3.0k ($2.4k so far) against a budget of $2.5k.');
    const health = healthChart(snaps.map((s) => ({ as_of: s.as_of, score: s.signals.health_score, components: s.components })), HEALTH_COMPONENTS).text;
    const svg = svgOf(health);
    for (const name of ['health score', ...HEALTH_COMPONENTS]) expect(svg).toContain(`>${name}</text>`);
    expect(health).toContain('components: trend 70, commitment 80');
  });

  it('portfolio bars carry their figures as a table with header cells', () => {
    const report = buildPortfolioReport([
      makeSnapshot({ account_id: 'a', signals: { health_tier: 'at_risk', coverage: 'high_touch', segment: 'enterprise' } }),
      makeSnapshot({ account_id: 'b', signals: { health_tier: 'healthy', coverage: 'product_led', segment: 'smb' } }),
    ]);
    const tiers = tiersByCoverageChart(report).text;
    svgOf(tiers);
    expect(tiers).toContain('2 accounts, 1 at risk.');
    expect(tiers).toMatch(/<th scope="row">at risk<\/th><td>1<\/td>/);
    const nrr = nrrBySegmentChart(report).text;
    expect(nrr).toMatch(/<th scope="row">enterprise<\/th>/);
    expect(nrr).toContain('Portfolio NRR 110%');
  });
});
