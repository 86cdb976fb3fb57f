import { COVERAGES, HEALTH_TIERS } from '../domain/signals';
import type { NrrRollup, PortfolioReport } from '../report/portfolio';
import { formatValue, roundTo } from '../signals';
import { formatDollars } from '../signals/text';
import { renderTable } from './table';

// Rounded half up on the decimal value first: toFixed alone rounds the binary value (12.25 can read 12.2).
const pct = (v: number | null) => (v === null ? '—' : `${roundTo(v, 1).toFixed(1)}%`);

function nrrRows(report: PortfolioReport): [string, NrrRollup][] {
  return [['portfolio', report.nrr.portfolio], ...Object.entries(report.nrr.segments).sort(([a], [b]) => a.localeCompare(b))];
}

/** The portfolio report for a manager's terminal (120 columns); `worst: false` leaves out the at-risk list (the demo has its own). */
export function renderPortfolioText(report: PortfolioReport, options: { worst?: boolean } = {}): string {
  const out: string[] = [`Portfolio as of ${report.as_of ?? '—'}: ${report.accounts} accounts`, ''];

  out.push('Accounts by health tier and coverage motion');
  const tierRows = [...HEALTH_TIERS, 'none' as const].map((tier) => ({ tier, counts: report.tiers[tier] }));
  out.push(
    renderTable(tierRows, [
      { header: 'tier', value: (r) => (r.tier === 'none' ? 'no score' : r.tier) },
      ...COVERAGES.map((c) => ({ header: c, value: (r: (typeof tierRows)[number]) => String(r.counts[c]), align: 'right' as const })),
      { header: 'total', value: (r) => String(COVERAGES.reduce((n, c) => n + r.counts[c], 0)), align: 'right' },
    ]),
    '',
  );

  out.push('Expansion pipeline by signal');
  out.push(
    renderTable(
      report.expansion.filter((e) => e.accounts > 0),
      [
        { header: 'signal', value: (e) => e.signal },
        { header: 'accounts', value: (e) => String(e.accounts), align: 'right' },
        { header: 'ARR', value: (e) => formatDollars(e.arr_usd), align: 'right' },
        { header: 'mean score', value: (e) => String(roundTo(e.mean_score, 0)), align: 'right' },
      ],
    ),
    '',
  );

  out.push('Net revenue retention (last 90 days vs the same 90 days a year earlier), by driver');
  out.push(
    renderTable(nrrRows(report), [
      { header: 'segment', value: ([name]) => name, max: 16 },
      { header: 'accounts', value: ([, r]) => String(r.accounts), align: 'right' },
      { header: 'NRR', value: ([, r]) => pct(r.nrr_pct), align: 'right' },
      { header: 'base kept', value: ([, r]) => pct(r.base_retention_pct), align: 'right' },
      { header: 'year-ago base', value: ([, r]) => formatDollars(r.prior_usd), align: 'right' },
      { header: 'contraction', value: ([, r]) => formatDollars(-r.contraction_usd), align: 'right' },
      { header: '+intensity', value: ([, r]) => formatDollars(r.intensity_expansion_usd), align: 'right' },
      { header: '+teams', value: ([, r]) => formatDollars(r.team_expansion_usd), align: 'right' },
      { header: '+use cases', value: ([, r]) => formatDollars(r.use_case_expansion_usd), align: 'right' },
    ]),
    '',
  );

  if (options.worst === false) return out.join('\n').trimEnd();
  out.push('Where the most ARR is at risk, and why');
  out.push(
    renderTable(report.worst, [
      { header: 'account', value: (s) => s.account_id, max: 14 },
      { header: 'health', value: (s) => String(formatValue('integer', s.health_score)), align: 'right' },
      { header: 'coverage', value: (s) => s.coverage },
      { header: 'ARR', value: (s) => formatDollars(s.arr_usd), align: 'right' },
      { header: 'risk drivers', value: (s) => s.risk_drivers ?? '—', max: 70 },
    ]),
  );
  return out.join('\n');
}
