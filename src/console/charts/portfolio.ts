/** The portfolio's bar charts, each with its figures as a table: tiers by coverage, expansion pipeline, NRR by driver per segment, coverage mix. */
import { COVERAGES, HEALTH_TIERS } from '../../domain/signals';
import type { NrrRollup, PortfolioReport } from '../../report/portfolio';
import { pct, usd, words } from '../format';
import type { Html } from '../html';
import { axisText, chart, dataTable, grid, PALETTE } from './render';

const TIER_COLOURS: Record<string, string> = { healthy: '#2e7d32', watch: '#8a6100', at_risk: '#b3261e', none: '#57606a' };

export function tiersByCoverageChart(report: PortfolioReport): Html {
  const tiers = [...HEALTH_TIERS, 'none'] as const;
  const rows = tiers.map((t) => [words(t), ...COVERAGES.map((c) => report.tiers[t][c])]);
  const atRisk = COVERAGES.reduce((n, c) => n + report.tiers.at_risk[c], 0);
  return chart(
    {
      title: 'Health tiers by coverage',
      summary: `${report.accounts} accounts, ${atRisk} at risk.`,
      table: dataTable('Accounts by tier and coverage', ['tier', ...COVERAGES.map(words)], rows),
      height: 240,
    },
    {
      grid,
      legend: { top: 4, textStyle: axisText },
      xAxis: { type: 'category', data: COVERAGES.map(words), axisLabel: axisText },
      yAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
      series: tiers.map((t) => ({ name: words(t), type: 'bar', stack: 'tiers', itemStyle: { color: TIER_COLOURS[t] }, data: COVERAGES.map((c) => report.tiers[t][c]) })),
    },
  );
}

export function expansionPipelineChart(report: PortfolioReport): Html {
  const flagged = report.expansion.filter((e) => e.signal !== 'none');
  const total = flagged.reduce((n, e) => n + e.accounts, 0);
  return chart(
    {
      title: 'Expansion pipeline by signal',
      summary: `${total} accounts carry an expansion signal, ${usd(flagged.reduce((n, e) => n + e.arr_usd, 0))} of ARR.`,
      table: dataTable('Expansion pipeline', ['signal', 'accounts', 'ARR', 'mean score'], report.expansion.map((e) => [words(e.signal), e.accounts, usd(e.arr_usd), e.mean_score.toFixed(0)])),
      height: 240,
    },
    {
      grid: { ...grid, left: 170 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
      yAxis: { type: 'category', inverse: true, data: flagged.map((e) => words(e.signal)), axisLabel: axisText },
      series: [{ name: 'accounts', type: 'bar', itemStyle: { color: PALETTE[0] }, label: { show: true, position: 'right', color: '#1f2328' }, data: flagged.map((e) => e.accounts) }],
    },
  );
}

const DRIVERS: { key: keyof NrrRollup; label: string; sign: 1 | -1 }[] = [
  { key: 'contraction_usd', label: 'contraction', sign: -1 },
  { key: 'intensity_expansion_usd', label: 'intensity', sign: 1 },
  { key: 'team_expansion_usd', label: 'new teams', sign: 1 },
  { key: 'use_case_expansion_usd', label: 'new use cases', sign: 1 },
];

export function nrrBySegmentChart(report: PortfolioReport): Html {
  const segments = Object.entries(report.nrr.segments).sort(([a], [b]) => a.localeCompare(b));
  const rows = [['portfolio', report.nrr.portfolio] as const, ...segments].map(([name, r]) => [name, r.accounts, pct(r.nrr_pct), usd(r.prior_usd), ...DRIVERS.map((d) => usd(Number(r[d.key]) * d.sign))]);
  return chart(
    {
      title: 'NRR by driver and segment',
      summary: `Portfolio NRR ${pct(report.nrr.portfolio.nrr_pct)} over ${report.nrr.portfolio.accounts} accounts with a year of history; each bar splits a segment's change against a year ago by driver.`,
      table: dataTable('NRR decomposed by driver', ['segment', 'accounts', 'NRR', 'a year ago', ...DRIVERS.map((d) => d.label)], rows),
      height: 260,
    },
    {
      grid,
      legend: { top: 4, textStyle: axisText },
      xAxis: { type: 'category', data: segments.map(([name]) => name), axisLabel: axisText },
      yAxis: { type: 'value', axisLabel: { ...axisText, formatter: (v: number) => usd(v) } },
      series: DRIVERS.map((d, i) => ({
        name: d.label, type: 'bar', stack: 'nrr', itemStyle: { color: d.sign < 0 ? '#b3261e' : PALETTE[[0, 2, 3][i - 1] ?? 0] },
        data: segments.map(([, r]) => Number(r[d.key]) * d.sign),
      })),
    },
  );
}

export function coverageMixChart(report: PortfolioReport): Html {
  const counts = COVERAGES.map((c) => [...HEALTH_TIERS, 'none' as const].reduce((n, t) => n + report.tiers[t][c], 0));
  return chart(
    {
      title: 'Coverage mix',
      summary: COVERAGES.map((c, i) => `${words(c)} ${counts[i]}`).join(', ') + '.',
      table: dataTable('Accounts by coverage', ['coverage', 'accounts'], COVERAGES.map((c, i) => [words(c), counts[i] ?? 0])),
      height: 200,
    },
    {
      grid: { ...grid, left: 110 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
      yAxis: { type: 'category', data: COVERAGES.map(words), axisLabel: axisText },
      series: [{ name: 'accounts', type: 'bar', itemStyle: { color: PALETTE[5] }, label: { show: true, position: 'right', color: '#1f2328' }, data: counts }],
    },
  );
}
