import { Redis } from 'ioredis';
import { HUBSPOT } from '../../../connectors/crm/hubspot/description';
import { createLimiters } from '../../../connectors/crm/kit/lanes';
import { createRedisLimiters, RedisWindowLimiter, type RedisWindowOptions } from '../../../connectors/crm/kit/redis-limiter';
import { finished, spawnTs } from '../../support/child-process';
import { freePort } from '../../support/postgres-server';
import { busiestMoment, redisNow, timedRequest, type Span } from '../../support/rate-spans';
import { startRedis, type RunningRedis } from '../../support/redis';
import { ACME } from '../../unit/crm/acme';

jest.setTimeout(10_000);

/** Short windows keep each test around a second; the budget is checked on Redis's clock, never on timings. */
const MAX = 5;
const WINDOW_MS = 400;

let server: RunningRedis;
/** Reads Redis's clock for the recorded spans. */
let clock: Redis;
const connections: Redis[] = [];
let keys = 0;

beforeAll(async () => {
  server = await startRedis();
  clock = connect();
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.quit()));
  await server?.stop();
});

function connect(): Redis {
  const connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
  connections.push(connection);
  return connection;
}

function freshKey(): string {
  keys += 1;
  return `pulse:rate:test:${keys}:standard`;
}

/** Two limiters on two connections, as two processes hold them, sharing a key of the test's own. */
function twoProcesses(options: Partial<RedisWindowOptions> = {}): [RedisWindowLimiter, RedisWindowLimiter] {
  const shared = { key: freshKey(), max: MAX, windowMs: WINDOW_MS, ...options };
  return [new RedisWindowLimiter(connect(), shared), new RedisWindowLimiter(connect(), shared)];
}

/** Requests sent at once, alternating between the limiters, answered after 0, 15 or 30 ms. */
function burst(count: number, limiters: readonly RedisWindowLimiter[]): Promise<Span[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => timedRequest(limiters[i % limiters.length] as RedisWindowLimiter, clock, (i % 3) * 15)));
}

/**
 * Whether `promise` settles within `ms`: for "it waits", where a correct limiter cannot answer that soon
 * (its wait is a whole window or more) and a broken one answers at once.
 */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const), late]);
  clearTimeout(timer);
  return settled;
}

describe('RedisWindowLimiter', () => {
  it('keeps two processes together within max requests in any window, a slot counted until a window after its response', async () => {
    const [a, b] = twoProcesses();
    const spans = await burst(20, [a, b]);
    await Promise.all([a.settled(), b.settled()]);

    expect(spans).toHaveLength(20);
    expect(busiestMoment(spans, WINDOW_MS)).toBeLessThanOrEqual(MAX);
  });

  it('makes an acquire wait for a full window to pass rather than fail', async () => {
    const [a, b] = twoProcesses();
    const first = await burst(MAX, [a]);
    const sixth = timedRequest(b, clock, 0);

    expect(await settlesWithin(sixth, WINDOW_MS / 2)).toBe(false);
    expect(busiestMoment([...first, await sixth], WINDOW_MS)).toBeLessThanOrEqual(MAX);
    await Promise.all([a.settled(), b.settled()]);
  });

  it('never lets a slot leave the window while its request is in flight', async () => {
    const [a, b] = twoProcesses();
    const held = await Promise.all(Array.from({ length: MAX }, () => a.acquire()));
    const waiting = b.acquire();

    expect(await settlesWithin(waiting, WINDOW_MS * 3)).toBe(false);
    held.forEach((release) => release());
    (await waiting)();
    await Promise.all([a.settled(), b.settled()]);
  });

  it('makes every process wait after one saturates the window', async () => {
    const [a, b] = twoProcesses();
    a.saturate();
    await a.settled();

    const waiting = b.acquire();
    expect(await settlesWithin(waiting, WINDOW_MS / 2)).toBe(false);
    (await waiting)();
    await b.settled();
  });

  it('counts the requests the CRM reports from elsewhere (max - remaining) for every process', async () => {
    const [a, b] = twoProcesses();
    a.observe({ max: MAX, remaining: 1 });
    await a.settled();

    (await b.acquire())();
    const waiting = b.acquire();
    expect(await settlesWithin(waiting, WINDOW_MS / 2)).toBe(false);
    (await waiting)();
    await b.settled();
  });

  it('applies a lower max one process observed to both', async () => {
    const [a, b] = twoProcesses();
    a.observe({ max: 2 });
    await a.settled();

    const spans = await burst(8, [a, b]);
    await Promise.all([a.settled(), b.settled()]);
    expect(busiestMoment(spans, WINDOW_MS)).toBeLessThanOrEqual(2);
  });

  it('frees the slots of a crashed holder once their lease ends', async () => {
    const leaseMs = 300;
    const options = { key: freshKey(), max: 2, windowMs: WINDOW_MS, leaseMs };
    const doomed = new Redis(server.url, { maxRetriesPerRequest: 1 });
    const crashed = new RedisWindowLimiter(doomed, options);
    const survivor = new RedisWindowLimiter(connect(), options);
    const start = await redisNow(clock);
    await crashed.acquire();
    await crashed.acquire();
    // The holder dies without releasing: its connection goes, its slots stay in flight.
    doomed.disconnect();

    const waiting = survivor.acquire();
    expect(await settlesWithin(waiting, leaseMs)).toBe(false);
    (await waiting)();
    await survivor.settled();
    // Each crashed slot counted as answered when its lease ended, and left a window later.
    expect((await redisNow(clock)) - start).toBeGreaterThanOrEqual(leaseMs + WINDOW_MS);
  });

  it('fails an acquire with a PulseError naming the key when Redis cannot be reached', async () => {
    const unreachable = new Redis(await freePort(), '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const limiter = new RedisWindowLimiter(unreachable, { key: 'pulse:rate:test:unreachable:standard', max: 1, windowMs: 100 });

    await expect(limiter.acquire()).rejects.toMatchObject({ code: 'CRM_REQUEST_FAILED', place: 'pulse:rate:test:unreachable:standard' });
    unreachable.disconnect();
  });

  it('throws a release that could not be written from settled() and the next acquire', async () => {
    const connection = new Redis(server.url, { maxRetriesPerRequest: 0 });
    const limiter = new RedisWindowLimiter(connection, { key: freshKey(), max: 2, windowMs: 100 });
    const release = await limiter.acquire();
    connection.disconnect();
    release();

    await expect(limiter.settled()).rejects.toMatchObject({ code: 'CRM_REQUEST_FAILED', message: expect.stringContaining('release') });
    await expect(limiter.acquire()).rejects.toMatchObject({ code: 'CRM_REQUEST_FAILED' });
  });
});

describe('createRedisLimiters', () => {
  it('makes one limiter per lane of the description, keyed pulse:rate:<account>:<lane>', async () => {
    const connection = connect();
    const limiters = createRedisLimiters(connection, HUBSPOT, 'hubspot:4242', { standardMax: 110 });
    const inMemory = createLimiters(HUBSPOT, { now: () => 0, sleep: () => Promise.resolve() });
    expect(Object.keys(limiters).sort()).toEqual(Object.keys(inMemory).sort());

    for (const limiter of Object.values(limiters)) (await limiter.acquire())();
    await Promise.all(Object.values(limiters).map((limiter) => (limiter as RedisWindowLimiter).settled()));
    expect((await connection.keys('pulse:rate:hubspot:4242:*')).sort()).toEqual(['pulse:rate:hubspot:4242:search:slots', 'pulse:rate:hubspot:4242:standard:slots']);
  });

  it('follows any description, lanes of its own included', () => {
    const limiters = createRedisLimiters(connect(), ACME, 'acme:1');
    expect(Object.keys(limiters).sort()).toEqual(['standard', ...Object.keys(ACME.lanes)].sort());
  });
});

describe('RedisWindowLimiter in two processes', () => {
  it('keeps both within one budget', async () => {
    const args = [server.url, freshKey(), String(MAX), String(WINDOW_MS), '8'];
    const runs = await Promise.all([0, 1].map(() => finished(spawnTs('tests/support/rate-child.ts', args, { cwd: process.cwd() }))));

    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
    const spans = runs.flatMap((run) => JSON.parse(run.stdout) as Span[]);
    expect(spans).toHaveLength(16);
    expect(busiestMoment(spans, WINDOW_MS)).toBeLessThanOrEqual(MAX);
  });
});
