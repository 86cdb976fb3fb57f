import type { ValidationReport } from '../warehouse/validation';
import { MODEL_NAMES } from '../domain/contract';

/** How many rejected rows a summary lists before pointing at the full report. */
const SHOWN = 10;

/**
 * What an admin needs after a read: how many rows each model had and rejected, and the first
 * rejected rows with their reasons. Empty when nothing was rejected.
 */
export function renderValidationSummary(report: ValidationReport, shown = SHOWN): string {
  const total = MODEL_NAMES.reduce((n, m) => n + report.models[m].rejected, 0);
  if (total === 0) return '';
  const lines = [`${total.toLocaleString('en-US')} warehouse row${total === 1 ? '' : 's'} rejected (the other rows were used):`];
  for (const model of MODEL_NAMES) {
    const v = report.models[model];
    if (v.rejected === 0) continue;
    const reasons = Object.entries(v.byReason)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    lines.push(`  ${model}: ${v.rejected} of ${v.rows} (${reasons})`);
  }
  for (const row of report.rejected.slice(0, shown)) lines.push(`  - ${row.model} [${row.key}]: ${row.reason}`);
  if (report.rejected.length > shown || report.truncated) lines.push(`  … and ${total - Math.min(shown, report.rejected.length)} more`);
  return lines.join('\n');
}
