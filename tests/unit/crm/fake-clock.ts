import type { Clock } from '../../../connectors/crm/kit/clock';

/** A clock whose sleep advances time at once, recording each wait. */
export function fakeClock(start = 1_700_000_000_000): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: (ms) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}
