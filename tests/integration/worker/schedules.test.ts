/** The queue's job schedulers follow the installations, on real Redis: one per active installation, none otherwise. */
import { Redis } from 'ioredis';
import { enqueueRun, openSyncQueue, runJobId } from '../../../jobs/queue';
import { reconcileSchedules, schedulerId } from '../../../jobs/schedules';
import { startRedis, type RunningRedis } from '../../support/redis';

let redis: RunningRedis;
let connection: Redis;
beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await connection?.quit();
  await redis?.stop();
});

describe('schedules and run ids on the queue', () => {
  it('keeps one scheduler per active installation, on its cron in UTC, and removes the others', async () => {
    const queue = openSyncQueue(connection);
    try {
      await reconcileSchedules(queue, [
        { name: 'acme', schedule: '17 * * * *', status: 'active' },
        { name: 'globex', schedule: '0 6 * * *', status: 'paused' },
        { name: 'initech', schedule: '5 * * * *', status: 'active' },
      ]);
      const first = await queue.getJobSchedulers();
      expect(first.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        [schedulerId('acme'), '17 * * * *', 'UTC'],
        [schedulerId('initech'), '5 * * * *', 'UTC'],
      ]);
      expect(first.find((s) => s.key === schedulerId('acme'))?.template?.data).toEqual({ installation: 'acme' });

      // acme paused, globex resumed with a new schedule, initech removed.
      await reconcileSchedules(queue, [
        { name: 'acme', schedule: '17 * * * *', status: 'paused' },
        { name: 'globex', schedule: '30 7 * * *', status: 'active' },
      ]);
      const second = await queue.getJobSchedulers();
      expect(second.map((s) => [s.key, s.pattern])).toEqual([[schedulerId('globex'), '30 7 * * *']]);
    } finally {
      await queue.close();
    }
  });

  it('makes a second enqueue of the same installation and day the same run', async () => {
    const queue = openSyncQueue(connection);
    try {
      expect(await enqueueRun(queue, { installation: 'acme', asOf: '2026-11-29' })).toEqual({ id: runJobId('acme', '2026-11-29'), added: true });
      expect(await enqueueRun(queue, { installation: 'acme', asOf: '2026-11-29' })).toEqual({ id: runJobId('acme', '2026-11-29'), added: false });
      expect(await enqueueRun(queue, { installation: 'acme', asOf: '2026-11-28' })).toMatchObject({ added: true });
      expect(await queue.getJobCountByTypes('waiting')).toBe(2);
      await expect(enqueueRun(queue, { installation: 'acme', asOf: 'yesterday' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
