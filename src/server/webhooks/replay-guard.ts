/**
 * Signatures of webhook deliveries already handled, kept as long as a timestamp stays fresh (5
 * minutes): a delivery sent again inside that window is a replay, and one outside it is stale anyway.
 * In Redis when the deployment has it, so every web process shares them; in memory otherwise.
 * A signature is remembered only once its delivery was handled, so HubSpot's retry of a delivery we
 * failed is still taken.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface ReplayGuard {
  seen(signature: string): Promise<boolean>;
  remember(signature: string): Promise<void>;
}

const digest = (signature: string) => createHash('sha256').update(signature).digest('hex');

export function redisReplayGuard(redis: Redis, windowMs: number): ReplayGuard {
  const key = (signature: string) => `pulse:webhook-seen:${digest(signature)}`;
  return {
    seen: async (signature) => (await redis.exists(key(signature))) === 1,
    remember: async (signature) => void (await redis.set(key(signature), '1', 'PX', windowMs)),
  };
}

export function memoryReplayGuard(windowMs: number, now: () => number): ReplayGuard {
  const until = new Map<string, number>();
  return {
    async seen(signature) {
      const t = now();
      for (const [key, expiry] of until) if (expiry <= t) until.delete(key);
      return until.has(digest(signature));
    },
    async remember(signature) {
      until.set(digest(signature), now() + windowMs);
    },
  };
}
