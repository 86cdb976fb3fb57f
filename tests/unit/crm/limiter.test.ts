import { SlidingWindowLimiter } from '../../../connectors/crm/kit/limiter';
import { fakeClock } from './fake-clock';

async function take(limiter: SlidingWindowLimiter, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) (await limiter.acquire())();
}

describe('SlidingWindowLimiter', () => {
  it('lets max requests through in a window, then waits until the oldest leaves it', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(3, 10_000, clock);
    await take(limiter, 3);
    expect(clock.sleeps).toEqual([]);
    clock.advance(4_000);
    await take(limiter, 1);
    expect(clock.sleeps).toEqual([6_000]);
    expect(limiter.inUse()).toBe(1);
  });

  it('never lets more than max requests into any 10-second span', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(5, 10_000, clock);
    const times: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const release = await limiter.acquire();
      times.push(clock.now());
      clock.advance(137);
      release();
    }
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(5);
    // Saturated: 40 requests in 8 windows of 5, the first starting at 0.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThan(8 * 10_000);
  });

  it('stamps a slot when the response arrives, so a slow request holds its slot until then', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(1, 1_000, clock);
    const release = await limiter.acquire();
    clock.advance(5_000);
    release();
    clock.advance(500);
    await take(limiter, 1);
    expect(clock.sleeps).toEqual([500]);
  });

  it('takes a lower max and the window length from the reported headers, never a higher max', () => {
    const limiter = new SlidingWindowLimiter(100, 10_000, fakeClock());
    limiter.observe({ max: 190, intervalMs: 10_000 });
    expect(limiter.limit).toEqual({ max: 100, windowMs: 10_000 });
    limiter.observe({ max: 20, intervalMs: 1_000 });
    expect(limiter.limit).toEqual({ max: 20, windowMs: 1_000 });
  });

  it('counts requests the CRM saw from elsewhere (remaining lower than ours) as taken now', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(10, 10_000, clock);
    await take(limiter, 2);
    limiter.observe({ max: 10, remaining: 3 });
    expect(limiter.inUse()).toBe(7);
    limiter.observe({ max: 10, remaining: 9 });
    expect(limiter.inUse()).toBe(7);
  });

  it('after a bare 429 treats the window as full from now', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(4, 10_000, clock);
    limiter.saturate();
    await take(limiter, 1);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('a waiter blocked by in-flight requests wakes when one completes', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(1, 1_000, clock);
    const release = await limiter.acquire();
    let got = false;
    const waiting = limiter.acquire().then((next) => {
      got = true;
      next();
    });
    await Promise.resolve();
    expect(got).toBe(false);
    release();
    await waiting;
    expect(got).toBe(true);
    expect(clock.sleeps).toEqual([1_000]);
  });
});
