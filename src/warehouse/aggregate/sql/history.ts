/**
 * SIGNALS.md v1.1 `history_start`: the earliest day of valid usage over all accounts. Its own
 * statement, run once per run before the peer pre-pass and skipped when the config names the day:
 * an aggregate over every account cannot come from the per-range statements, and folding it into
 * the peer pre-pass would turn that pass's 30-day read into a full read of usage either way.
 * Rows after T are left out, as everywhere: a past T replayed on today's warehouse sees the history
 * the warehouse had then.
 */
import type { Params } from '../params';

export function historyStartQuery(ctes: string, p: Params, asOf: string): string {
  const t = p.bind(asOf, 'date');
  return `with ${ctes}
select min(day) as history_start from m_usage_daily where day <= ${t}`;
}
