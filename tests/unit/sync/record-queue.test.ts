import { RecordQueue } from '../../../src/sync/record-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('RecordQueue', () => {
  it('runs queued records in order, and a read only after every record queued before it', async () => {
    const queue = new RecordQueue();
    const log: string[] = [];
    queue.enqueue(async () => {
      await tick();
      log.push('record 1');
    });
    queue.enqueue(async () => {
      log.push('record 2');
    });
    log.push('queued');
    const read = await queue.run(async () => {
      log.push('read');
      return 42;
    });
    expect(read).toBe(42);
    expect(log).toEqual(['queued', 'record 1', 'record 2', 'read']);
  });

  it('a failed record stops the records after it and is thrown by the next read or drain, once settled', async () => {
    const queue = new RecordQueue();
    const log: string[] = [];
    queue.enqueue(async () => {
      throw new Error('store down');
    });
    queue.enqueue(async () => {
      log.push('record after the failure');
    });
    await expect(queue.run(async () => log.push('read'))).rejects.toThrow('store down');
    await expect(queue.drain()).rejects.toThrow('store down');
    await expect(queue.settle()).resolves.toBeUndefined();
    expect(log).toEqual([]);
  });
});
