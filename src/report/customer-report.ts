/**
 * The customer-facing usage report of one account, in the customer's words: how their usage moves,
 * where this month is heading against their budget, the value they got, and how they compare with
 * similar customers. No internal vocabulary (tiers, signals, playbooks). Pure: data in, HTML out.
 */
import { escapeHtml } from '../console/html';
import type { HistorySnapshot } from '../sync/state';
import { formatDollars, formatInteger, formatMultiple, plural } from '../signals/text';

export interface CustomerReportView {
  snapshot: HistorySnapshot;
  /** Daily spend, oldest first (up to 90 days). */
  spend: readonly { as_of: string; spend_day: number }[];
  /** Epoch ms: when the link stops working. */
  expiresAt: number;
}


const W = 720;
const H = 200;
const PAD = { left: 56, right: 16, top: 16, bottom: 28 };

/** A plain line of daily spend with its first and last day labelled and the peak on the axis. */
function spendChart(points: CustomerReportView['spend']): string {
  if (points.length < 2) return '<p>Not enough days of usage yet to draw a trend.</p>';
  const max = Math.max(...points.map((p) => p.spend_day), 1);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (points.length - 1);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.spend_day).toFixed(1)}`).join(' ');
  const first = points[0]?.as_of ?? '';
  const last = points[points.length - 1]?.as_of ?? '';
  const total = points.reduce((sum, p) => sum + p.spend_day, 0);
  const label = `Daily usage from ${first} to ${last}: ${formatDollars(total)} in all, at most ${formatDollars(max)} in a day.`;
  return `<figure>
<svg role="img" aria-labelledby="usage-title" viewBox="0 0 ${W} ${H}" width="100%" style="max-width:${W}px">
<title id="usage-title">${escapeHtml(label)}</title>
<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#6b7280"/>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#6b7280"/>
<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="12" fill="#1f2937">${escapeHtml(formatDollars(max))}</text>
<text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" font-size="12" fill="#1f2937">$0</text>
<text x="${PAD.left}" y="${H - 8}" font-size="12" fill="#1f2937">${escapeHtml(first)}</text>
<text x="${W - PAD.right}" y="${H - 8}" text-anchor="end" font-size="12" fill="#1f2937">${escapeHtml(last)}</text>
<polyline points="${line}" fill="none" stroke="#1d4ed8" stroke-width="2"/>
</svg>
<figcaption>${escapeHtml(label)}</figcaption>
</figure>`;
}

function trendSentence(s: HistorySnapshot['signals']): string {
  const spent = `You used ${formatDollars(s.spend_30d)} in the last 30 days`;
  if (s.growth_30d_pct === null) return `${spent}.`;
  const pct = Math.abs(Math.round(s.growth_30d_pct));
  if (pct === 0) return `${spent}, about the same as the 30 days before.`;
  return `${spent}, ${pct}% ${s.growth_30d_pct > 0 ? 'more' : 'less'} than the 30 days before.`;
}

function monthSentences(snapshot: HistorySnapshot): string[] {
  const s = snapshot.signals;
  const lines = [`This month so far: ${formatDollars(s.mtd_spend_usd)}. At the current pace, the month ends near ${formatDollars(s.forecast_month_usd)}.`];
  const budget = snapshot.budget_month_usd;
  if (budget !== null && budget > 0) {
    const share = Math.round((s.forecast_month_usd / budget) * 100);
    lines.push(`Your budget for the month, from your commitment, is ${formatDollars(budget)}: the month is heading for ${share}% of it${share > 100 ? ', above budget' : ''}.`);
  }
  if (s.commit_exhaustion_date !== null) lines.push(`At this pace your commitment runs out on ${s.commit_exhaustion_date}.`);
  return lines;
}

function valueSentences(s: HistorySnapshot['signals']): string[] {
  const lines: string[] = [];
  if (s.outcomes_30d !== null && s.outcomes_30d > 0) {
    const worth = s.value_usd_30d === null ? '' : `, worth ${formatDollars(s.value_usd_30d)}`;
    lines.push(`In the last 30 days you completed ${plural(s.outcomes_30d, 'outcome')}${worth}.`);
  }
  if (s.roi_multiple !== null) lines.push(`That is ${formatMultiple(s.roi_multiple)} what you spent.`);
  if (lines.length === 0) lines.push('No business outcomes are recorded for your account yet.');
  lines.push(`${plural(s.use_cases_30d, 'use case')} and ${plural(s.teams_30d, 'team')} used the product in the last 30 days.`);
  return lines;
}

function peerSentence(s: HistorySnapshot['signals']): string {
  if (s.peer_range === null) return 'There are not yet enough similar customers to compare with.';
  const p = s.peer_percentile;
  const where = p === null ? '' : p >= 95 ? ' You spend more than nearly all of them.' : p <= 5 ? ' You spend less than nearly all of them.' : ` You spend more than about ${formatInteger(p)}% of them.`;
  return `The middle half of similar customers spend ${s.peer_range} over 30 days.${where}`;
}

const section = (title: string, lines: readonly string[]) => `<section><h2>${escapeHtml(title)}</h2>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</section>`;

export function renderCustomerReport(view: CustomerReportView): string {
  const { snapshot } = view;
  const who = snapshot.name ?? snapshot.account_id;
  const until = new Date(view.expiresAt).toISOString().slice(0, 10);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Usage report: ${escapeHtml(who)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#111827;max-width:760px;margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}figcaption,footer{color:#374151;font-size:.9rem}</style>
</head><body>
<main>
<h1>Usage report: ${escapeHtml(who)}</h1>
<p>Figures as of ${escapeHtml(snapshot.as_of)}.</p>
<section><h2>Your usage</h2>
<p>${escapeHtml(trendSentence(snapshot.signals))}</p>
${spendChart(view.spend)}
</section>
${section('This month', monthSentences(snapshot))}
${section('Value delivered', valueSentences(snapshot.signals))}
${section('Compared with similar customers', [peerSentence(snapshot.signals)])}
</main>
<footer><p>This link works until ${escapeHtml(until)}.</p></footer>
</body></html>
`;
}
