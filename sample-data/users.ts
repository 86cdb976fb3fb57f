/**
 * active_users_daily for one account. The active pool follows the spend level (people come and go
 * with usage), dau is a weekday-shaped share of it, and mau is at least every dau of its 30-day
 * window, so mau ≥ dau holds by construction as the contract's "distinct users in 30 days" must.
 */
import type { SampleContext } from './context';
import type { AccountProfile } from './profile';
import type { SampleSink, Scratch } from './sink';

const MAU_WINDOW = 30;

export function emitActiveUsers(ctx: SampleContext, p: AccountProfile, sink: SampleSink, scratch: Scratch, firstIdx: number): void {
  const { days, dayStrings, weekdays } = ctx;
  const stalled = p.firstUsageAgo === null;
  // A stalled account's people log in from signing on; others from their first usage.
  const startIdx = stalled ? Math.max(0, days - p.tenure) : firstIdx;
  let maxLevel = 0;
  for (let i = startIdx; i < days; i++) maxLevel = Math.max(maxLevel, scratch.level[i] as number);
  const ring = new Int32Array(MAU_WINDOW);
  for (let i = startIdx; i < days; i++) {
    const level = scratch.level[i] as number;
    const pool = stalled ? p.userPool : level === 0 ? 0 : p.userPool * Math.min(1, Math.max(0.3, level / maxLevel));
    const shape = p.weekday[weekdays[i] as number] as number;
    const dau = Math.min(Math.round(pool), Math.round(pool * p.stickiness * shape * (0.8 + 0.4 * p.rng())));
    ring[i % MAU_WINDOW] = dau;
    let mau = Math.round(pool);
    for (let k = 0; k < MAU_WINDOW; k++) mau = Math.max(mau, ring[k] as number);
    sink.activeUsers(p.id, dayStrings[i] as string, dau, mau);
  }
}
