/**
 * The portfolio report for `report --format json`, rounded by SIGNALS.md's output conventions as
 * every other output is: percentages to 1 decimal, money to cents, scores as the signals round them.
 * The report itself stays unrounded (the text renderer rounds its own way, sums stay exact).
 */
import { formatValue } from '../signals';
import type { NrrRollup, PortfolioReport } from './portfolio';

const money = (x: number): number => formatValue('money', x) as number;
const pct = (x: number | null): number | null => formatValue('percent', x) as number | null;

function formatRollup(r: NrrRollup): NrrRollup {
  return {
    accounts: r.accounts,
    prior_usd: money(r.prior_usd),
    current_usd: money(r.current_usd),
    nrr_pct: pct(r.nrr_pct),
    base_retention_pct: pct(r.base_retention_pct),
    contraction_usd: money(r.contraction_usd),
    intensity_expansion_usd: money(r.intensity_expansion_usd),
    team_expansion_usd: money(r.team_expansion_usd),
    use_case_expansion_usd: money(r.use_case_expansion_usd),
  };
}

/** The same shape with every figure rounded for output. */
export function formatPortfolioReport(report: PortfolioReport): PortfolioReport {
  return {
    ...report,
    expansion: report.expansion.map((e) => ({
      ...e,
      arr_usd: money(e.arr_usd),
      // A mean of 0..100 scores: 1 decimal, as a percentage-like figure (the text view shows it whole).
      mean_score: formatValue('percent', e.mean_score) as number,
    })),
    nrr: {
      portfolio: formatRollup(report.nrr.portfolio),
      segments: Object.fromEntries(Object.entries(report.nrr.segments).map(([name, r]) => [name, formatRollup(r)])),
    },
    worst: report.worst.map((w) => ({
      ...w,
      health_score: formatValue('integer', w.health_score) as number | null,
      arr_usd: money(w.arr_usd),
    })),
  };
}
