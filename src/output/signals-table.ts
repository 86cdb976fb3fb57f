import type { Signals } from '../domain/signals';
import { formatValue } from '../signals';
import { formatDollars } from '../signals/text';
import { renderTable, type Column } from './table';

const num = (v: number | null, suffix = '') => (v === null ? '—' : `${v.toFixed(1)}${suffix}`);
const text = (v: string | null) => v ?? '—';

const COLUMNS: Column<Signals>[] = [
  { header: 'account', value: (s) => s.account_id, max: 14 },
  { header: 'health', value: (s) => (s.health_score === null ? '—' : String(formatValue('integer', s.health_score))), align: 'right' },
  { header: 'tier', value: (s) => text(s.health_tier) },
  { header: 'spend 30d', value: (s) => formatDollars(s.spend_30d), align: 'right' },
  { header: 'growth', value: (s) => num(s.growth_30d_pct, '%'), align: 'right' },
  { header: 'trend', value: (s) => s.trend },
  { header: 'commit', value: (s) => num(s.commit_projected_pct, '%'), align: 'right' },
  { header: 'bill shock', value: (s) => text(s.bill_shock_risk) },
  { header: 'expansion', value: (s) => s.expansion_signal, max: 23 },
  { header: 'coverage', value: (s) => s.coverage },
];

/** For a person: key figures per account, worst health first (null health last). */
export function renderSignalsTable(signals: readonly Signals[]): string {
  const sorted = [...signals].sort(
    (a, b) => (a.health_score ?? Infinity) - (b.health_score ?? Infinity) || a.account_id.localeCompare(b.account_id),
  );
  return renderTable(sorted, COLUMNS);
}
