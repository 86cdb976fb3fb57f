/** `/console/portfolio`: the managers' view of the installation's latest day, as bars with their tables. */
import type { PortfolioReport } from '../../report/portfolio';
import { coverageMixChart, expansionPipelineChart, nrrBySegmentChart, tiersByCoverageChart } from '../charts/portfolio';
import { num, usd, words } from '../format';
import { html } from '../html';
import { layout, withInstallation } from './layout';

export interface PortfolioView {
  installation: string;
  installations: readonly string[];
  report: PortfolioReport | null;
}

export function portfolioPage(view: PortfolioView): string {
  const frame = { title: 'Portfolio', section: 'portfolio' as const, installation: view.installation, installations: view.installations };
  const { report } = view;
  if (report === null || report.accounts === 0) return layout({ ...frame, body: html`<h1>Portfolio</h1><p>No signals recorded for ${view.installation} yet.</p>` });
  const worst = report.worst.map(
    (w) => html`<tr><th scope="row"><a href="${withInstallation(`/console/accounts/${encodeURIComponent(w.account_id)}`, view.installation)}">${w.account_id}</a></th><td class="n">${num(w.health_score)}</td><td>${words(w.health_tier)}</td><td>${words(w.coverage)}</td><td class="n">${usd(w.arr_usd)}</td><td>${w.risk_drivers ?? '—'}</td></tr>`,
  );
  return layout({
    ...frame,
    body: html`<h1>Portfolio <span class="muted">${report.accounts} accounts as of ${report.as_of ?? '—'}</span></h1>
<div class="grid2">${tiersByCoverageChart(report)}${coverageMixChart(report)}${expansionPipelineChart(report)}${nrrBySegmentChart(report)}</div>
<h2>Most ARR at stake</h2>
${report.worst.length === 0 ? html`<p class="muted">No account is at risk or on watch.</p>` : html`<table><thead><tr><th scope="col">Account</th><th scope="col">Health</th><th scope="col">Tier</th><th scope="col">Coverage</th><th scope="col">ARR</th><th scope="col">Risk drivers</th></tr></thead><tbody>${worst}</tbody></table>`}`,
  });
}
