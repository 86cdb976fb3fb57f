import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { PulseError } from '../../../src/errors';
import { systemClock } from './clock';
import type { CrmDescription } from './description';
import type { WindowReport } from './headers';
import { STANDARD_LANE } from './lanes';
import type { RateLimiter } from './limiter';

/**
 * The in-memory `SlidingWindowLimiter`'s window, kept in Redis so every process calling one CRM account
 * shares one budget: at most `max` requests in any `windowMs`, a slot stamped when its response arrives.
 *
 * Slots are members of a sorted set whose score is the time the slot counts from:
 * - in flight: acquire time + lease. The score lies in the future, so the slot never leaves the window
 *   while its request is out; if the process dies holding it, it counts as completed at the lease's end
 *   and leaves the window `windowMs` later, instead of blocking the account forever.
 * - completed: the response time, written by `release`.
 * A score in the future therefore means "in flight", and no flag is needed.
 *
 * Time is Redis's `TIME`, read inside each script, not the kit Clock: processes on different machines
 * have clocks that differ by more than a HubSpot window's precision, and one process's stamps compared
 * with another's clock would free slots early (or never). Redis's clock is the one clock every process
 * shares. Processes only sleep on their own clocks, and durations agree across clocks. (Writing after
 * `TIME` in a script needs Redis 5 or later, which replicates a script's effects, not the script.)
 *
 * Each step is one Lua script, so pruning, counting and taking a slot cannot interleave with another
 * process's. A full window answers how long until its oldest slot can leave; the process sleeps that
 * long (at most `maxWaitStepMs`, to pick up a window another process's `observe` changed) and asks
 * again: no busy polling.
 */

/** How long an in-flight slot counts as in flight at most: far longer than any CRM call, short enough that a crash costs one minute. */
export const DEFAULT_LEASE_MS = 60_000;
/** The longest single sleep of a waiting `acquire` before it asks Redis again. */
const DEFAULT_MAX_WAIT_STEP_MS = 1_000;
/** The CRM's reported limits outlive idle spells (a new burst starts from them) but not abandoned accounts. */
const LIMIT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Shared by every script. KEYS: slots (sorted set), limit (hash of the CRM's reported `max` and `windowMs`).
 * ARGV: configured max, configured window (ms), lease (ms). The effective max is the lower of this process's
 * configured one and the CRM's report (never higher: the configured budget may leave room for other apps).
 */
const PRELUDE = `
local slots, limit = KEYS[1], KEYS[2]
local configuredMax, lease = tonumber(ARGV[1]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local reported = redis.call('HMGET', limit, 'max', 'windowMs')
local max = configuredMax
if reported[1] then max = math.min(configuredMax, tonumber(reported[1])) end
local window = tonumber(ARGV[2])
if reported[2] then window = tonumber(reported[2]) end
local function prune() redis.call('ZREMRANGEBYSCORE', slots, '-inf', now - window) end
-- Every slot has left the window lease + window after the last write, so the key never outlives its use.
local function keep() redis.call('PEXPIRE', slots, math.ceil(lease + window)) end
-- Slots counted elsewhere (the CRM's report, a "full" answer) as completed now, up to the max.
local function fill(used, token)
  prune()
  local target = math.min(used, max)
  for i = redis.call('ZCARD', slots) + 1, target do redis.call('ZADD', slots, now, token .. ':' .. i) end
  keep()
end
`;

/** ARGV[4]: the slot's member. Answers {1, 0} when taken, else {0, ms until the oldest slot can leave}. */
const ACQUIRE = `${PRELUDE}
prune()
if redis.call('ZCARD', slots) < max then
  redis.call('ZADD', slots, now + lease, ARGV[4])
  keep()
  return {1, 0}
end
local oldest = redis.call('ZRANGE', slots, 0, 0, 'WITHSCORES')
-- An in-flight oldest slot leaves a window after its release, which is now at the earliest.
return {0, math.ceil(math.min(tonumber(oldest[2]), now) + window - now)}
`;

/**
 * ARGV[4]: the slot's member, stamped with the response time. Added again if its lease ran out and it was
 * pruned: a request that slow was still counted by the CRM before its response, within the last window.
 */
const RELEASE = `${PRELUDE}
redis.call('ZADD', slots, now, ARGV[4])
keep()
return 1
`;

/** ARGV[4..6]: reported max, remaining, window (ms), '' when not reported; ARGV[7]: a token naming filled slots. */
const OBSERVE = `${PRELUDE}
local reportedMax, remaining, interval = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
if interval and interval > 0 then
  redis.call('HSET', limit, 'windowMs', interval)
  window = interval
end
if reportedMax and reportedMax > 0 then
  redis.call('HSET', limit, 'max', reportedMax)
  max = math.min(configuredMax, reportedMax)
end
redis.call('PEXPIRE', limit, ${LIMIT_TTL_MS})
if remaining and reportedMax then fill(reportedMax - remaining, ARGV[7]) end
return 1
`;

/** ARGV[4]: a token naming the filled slots. */
const SATURATE = `${PRELUDE}
fill(max, ARGV[4])
return 1
`;

export interface RedisWindowOptions {
  /** Redis key of the budget (`pulse:rate:<account>:<lane>`); its slots and reported limits live under it. */
  key: string;
  /** Requests in any window, before the CRM's reports lower it. */
  max: number;
  windowMs: number;
  /** @defaultValue 60000 ({@link DEFAULT_LEASE_MS}) */
  leaseMs?: number;
  /** @defaultValue 1000 */
  maxWaitStepMs?: number;
}

export class RedisWindowLimiter implements RateLimiter {
  /** Names this instance's slots, so members from different processes never collide. */
  private readonly owner = randomUUID();
  private sequence = 0;
  /** Releases, observations and saturations still being written (the interface makes them synchronous). */
  private readonly writing = new Set<Promise<void>>();
  private failure: PulseError | undefined;
  private readonly keys: [string, string];
  private readonly leaseMs: number;
  private readonly maxWaitStepMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisWindowOptions,
  ) {
    this.keys = [`${options.key}:slots`, `${options.key}:limit`];
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxWaitStepMs = options.maxWaitStepMs ?? DEFAULT_MAX_WAIT_STEP_MS;
  }

  async acquire(): Promise<() => void> {
    this.throwIfWriteFailed();
    const member = this.nextName();
    for (;;) {
      const [taken, waitMs] = await this.run<[number, number]>('acquire', ACQUIRE, member);
      if (taken === 1) return () => this.write('release', RELEASE, member);
      await systemClock.sleep(Math.min(Math.max(1, waitMs), this.maxWaitStepMs));
    }
  }

  observe(report: WindowReport): void {
    const followed = (report.intervalMs !== undefined && report.intervalMs > 0) || (report.max !== undefined && report.max > 0);
    // Most answers report nothing to follow (HubSpot search): no round trip for them.
    if (!followed) return;
    const text = (n: number | undefined) => (n === undefined ? '' : String(n));
    this.write('observe', OBSERVE, text(report.max), text(report.remaining), text(report.intervalMs), this.nextName());
  }

  saturate(): void {
    this.write('saturate', SATURATE, this.nextName());
  }

  /**
   * Waits for the releases, observations and saturations sent so far; throws the first that failed.
   * For a worker's shutdown and for tests: `acquire` also throws a failed write, so none goes unseen.
   */
  async settled(): Promise<void> {
    await Promise.all([...this.writing]);
    this.throwIfWriteFailed();
  }

  private nextName(): string {
    this.sequence += 1;
    return `${this.owner}:${this.sequence}`;
  }

  /**
   * A write the interface does not wait for. A failure is kept and thrown by every later `acquire` (and
   * `settled`): a lost release only holds its slot until the lease ends, but the calls must not go on
   * believing Redis keeps the budget when it does not. It stays thrown so the run (the worker's job)
   * fails and is retried with a fresh connector, rather than a blip being noticed by one call only.
   */
  private write(step: string, script: string, ...args: string[]): void {
    const done: Promise<void> = this.run(step, script, ...args).then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= error instanceof PulseError ? error : this.failed(step, error);
      },
    );
    this.writing.add(done);
    void done.finally(() => this.writing.delete(done));
  }

  private async run<T>(step: string, script: string, ...args: string[]): Promise<T> {
    const { max, windowMs } = this.options;
    try {
      return (await this.redis.eval(script, 2, ...this.keys, String(max), String(windowMs), String(this.leaseMs), ...args)) as T;
    } catch (error) {
      throw this.failed(step, error);
    }
  }

  private failed(step: string, error: unknown): PulseError {
    const why = error instanceof Error ? error.message : String(error);
    return new PulseError('CRM_REQUEST_FAILED', `the rate budget shared through Redis failed (${step}): ${why}`, {
      place: this.options.key,
      hint: 'check that Redis (REDIS_URL) is reachable; the CRM is not called without its rate budget',
      cause: error,
    });
  }

  private throwIfWriteFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

export interface RedisLimitersOptions {
  /** Replaces the standard window's max (an installation's tier, e.g. HubSpot's 110 or 190), as `createLimiters` does. */
  standardMax?: number;
  /** @defaultValue 60000 */
  leaseMs?: number;
}

/**
 * `createLimiters` over Redis: one shared limiter per lane of the description, keyed
 * `pulse:rate:<key>:<lane>`. `key` names the CRM account (`hubspot:<portalId>`, `salesforce:<orgId>`):
 * every process given the same key shares its budget.
 */
export function createRedisLimiters(redis: Redis, description: CrmDescription, key: string, options: RedisLimitersOptions = {}): Record<string, RateLimiter> {
  const lane = (name: string, max: number, windowMs: number) =>
    new RedisWindowLimiter(redis, { key: `pulse:rate:${key}:${name}`, max, windowMs, leaseMs: options.leaseMs });
  const limiters: Record<string, RateLimiter> = {
    [STANDARD_LANE]: lane(STANDARD_LANE, options.standardMax ?? description.rateWindow.maxRequests, description.rateWindow.windowMs),
  };
  for (const [name, window] of Object.entries(description.lanes)) limiters[name] = lane(name, window.maxRequests, window.windowMs);
  return limiters;
}
