import { Redis } from 'ioredis';
import { RedisWindowLimiter } from '../../connectors/crm/kit/redis-limiter';
import { timedRequest } from './rate-spans';

/**
 * A second process for the Redis limiter's test: `rate-child.ts <redis url> <key> <max> <windowMs> <requests>`
 * sends that many requests at once through a limiter of its own and prints their spans as JSON.
 */
async function main(): Promise<void> {
  const [url = '', key = '', max = '', windowMs = '', requests = ''] = process.argv.slice(2);
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  const clock = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const limiter = new RedisWindowLimiter(redis, { key, max: Number(max), windowMs: Number(windowMs) });
    const spans = await Promise.all(Array.from({ length: Number(requests) }, (_, i) => timedRequest(limiter, clock, (i % 3) * 15)));
    await limiter.settled();
    process.stdout.write(JSON.stringify(spans));
  } finally {
    await Promise.all([redis.quit(), clock.quit()]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
