/**
 * Annual commitments, sized from the generated usage so that the current period projects exactly
 * the archetype's percentage (SIGNALS.md §3: consumed + spend_30d / 30 × remaining days). Sizing
 * from the data rather than from the level curve makes the margin exact instead of approximate.
 */
import type { CommitmentRow } from '../src/domain/contract';
import type { SampleContext } from './context';
import { formatDay } from './dates';
import type { AccountProfile } from './profile';
import { uniform } from './prng';

const PERIOD_DAYS = 365;
/** Earlier periods shown, for a realistic renewal history (only the current one drives signals). */
const MAX_EARLIER_PERIODS = 2;

function sumCost(ctx: SampleContext, dailyCost: Float64Array, fromDay: number, toDay: number): { sum: number; covered: number } {
  const lo = Math.max(0, fromDay - ctx.first);
  const hi = Math.min(ctx.days - 1, toDay - ctx.first);
  let sum = 0;
  for (let i = lo; i <= hi; i++) sum += dailyCost[i] as number;
  return { sum, covered: Math.max(0, hi - lo + 1) };
}

export function planCommitments(ctx: SampleContext, p: AccountProfile, dailyCost: Float64Array): CommitmentRow[] {
  const plan = p.commitment;
  if (plan === null) return [];
  const start = ctx.asOf - plan.elapsed + 1;
  const consumed = sumCost(ctx, dailyCost, start, ctx.asOf).sum;
  const runRate = sumCost(ctx, dailyCost, ctx.asOf - 29, ctx.asOf).sum / 30;
  const projected = consumed + runRate * (PERIOD_DAYS - plan.elapsed);
  if (projected <= 0) return [];
  const rows: CommitmentRow[] = [];
  const current = Math.round((projected * 100) / plan.projectedPct);
  rows.push({ account_id: p.id, period_start: formatDay(start), period_end: formatDay(start + PERIOD_DAYS - 1), committed_usd: current });
  const contractStart = ctx.asOf - p.tenure;
  for (let k = 1; k <= MAX_EARLIER_PERIODS; k++) {
    const from = start - k * PERIOD_DAYS;
    if (from < contractStart) break;
    const { sum, covered } = sumCost(ctx, dailyCost, from, from + PERIOD_DAYS - 1);
    // Renewals were committed a little above what the period then used.
    const committed = covered >= 30 && sum > 0 ? (sum / covered) * PERIOD_DAYS * uniform(p.rng, 1.05, 1.2) : current * uniform(p.rng, 0.7, 0.95);
    rows.push({ account_id: p.id, period_start: formatDay(from), period_end: formatDay(from + PERIOD_DAYS - 1), committed_usd: Math.max(1, Math.round(committed)) });
  }
  // Period order, oldest first, as a warehouse export would list them.
  return rows.reverse();
}
