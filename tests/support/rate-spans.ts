import type { Redis } from 'ioredis';
import type { RateLimiter } from '../../connectors/crm/kit/limiter';

/**
 * One request as a rate-limit test records it, on Redis's clock (the one the Redis limiter stamps with):
 * `sent` read after its slot was granted, `answered` before its slot was released. The CRM counted the
 * request at some moment between the two.
 */
export interface Span {
  sent: number;
  answered: number;
}

/** Redis's clock in milliseconds, rounded down as the limiter's scripts round it. */
export async function redisNow(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** One request through `limiter`, answered after `holdMs`. */
export async function timedRequest(limiter: RateLimiter, clock: Redis, holdMs: number): Promise<Span> {
  const release = await limiter.acquire();
  const sent = await redisNow(clock);
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  const answered = await redisNow(clock);
  release();
  return { sent, answered };
}

/**
 * The most requests a sliding window of `windowMs` can have counted at once: the most spans whose
 * `[sent, answered + windowMs)` share a moment. Whenever the CRM counted each request within its span,
 * no window of `windowMs` holds more. Such a moment is always some span's `sent`, so those are the
 * moments checked.
 */
export function busiestMoment(spans: readonly Span[], windowMs: number): number {
  let busiest = 0;
  for (const { sent: moment } of spans) {
    const live = spans.filter((span) => span.sent <= moment && moment < span.answered + windowMs).length;
    busiest = Math.max(busiest, live);
  }
  return busiest;
}
