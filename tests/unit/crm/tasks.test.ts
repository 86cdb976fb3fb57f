import type { BatchOutcome } from '../../../connectors/crm/kit/split';
import { createTasksIdempotently, type TaskProtocol } from '../../../connectors/crm/kit/tasks';
import type { TaskWrite, WriteResult } from '../../../src/sync/ports';

const task = (key: string): TaskWrite => ({ key, account_id: `acct-${key}`, record_id: `r-${key}`, subject: 's', body: 'b', priority: 'medium', due_date: '2025-04-08', owner: null });

/** A CRM that holds tasks by key; `create` decides what each create call does. */
function crm(create: (batch: readonly TaskWrite[], held: Map<string, string>) => BatchOutcome) {
  const held = new Map<string, string>();
  const log: string[] = [];
  let next = 100;
  const protocol: TaskProtocol = {
    crm: 'Acme CRM',
    batchSize: 3,
    requestsInFlight: 1,
    readKeys: (keys) => {
      log.push(`read ${keys.join(',')}`);
      return Promise.resolve(new Map(keys.flatMap((key) => (held.has(key) ? [[key, held.get(key) ?? '']] : []))));
    },
    createBatch: (batch) => {
      log.push(`create ${batch.map((t) => t.key).join(',')}`);
      return Promise.resolve(create(batch, held));
    },
  };
  const store = (key: string): string => {
    const id = String((next += 1));
    held.set(key, id);
    return id;
  };
  return { protocol, held, log, store };
}

describe('createTasksIdempotently', () => {
  it('reads the keys first and creates only the rest, in batches, one result per input in order', async () => {
    const acme = crm((batch) => ({ results: batch.map((t): WriteResult => ({ key: t.key, ok: true, crm_id: acme.store(t.key) })) }));
    acme.held.set('b', '7');
    const settled: WriteResult[] = [];
    const results = await createTasksIdempotently([task('a'), task('b'), task('c'), task('d'), task('a')], acme.protocol, settled);
    expect(acme.log).toEqual(['read a,b,c', 'create a,c', 'read d', 'create d']);
    expect(results.map((result) => [result.key, result.ok && result.crm_id])).toEqual([['a', '101'], ['b', '7'], ['c', '102'], ['d', '103'], ['a', '101']]);
    expect(settled).toHaveLength(4);
  });

  it('reads again whatever a create did not confirm (created, then the answer was lost) before retrying: no second task', async () => {
    let attempts = 0;
    const acme = crm((batch) => {
      attempts += 1;
      // The first create lands but its answer is lost; the CRM then refuses the taken keys.
      if (attempts === 1) batch.forEach((t) => acme.store(t.key));
      return { results: [], refused: { message: attempts === 1 ? 'no response from Acme CRM' : 'conflict', retryable: attempts === 1 } };
    });
    const results = await createTasksIdempotently([task('a'), task('b')], acme.protocol, []);
    expect(results).toEqual([
      { key: 'a', ok: true, crm_id: '101' },
      { key: 'b', ok: true, crm_id: '102' },
    ]);
    expect(acme.log).toEqual(['read a,b', 'create a,b', 'read a,b']);
  });

  it('isolates a bad task by splitting; the others are created and it alone fails', async () => {
    const acme = crm((batch) =>
      batch.some((t) => t.key === 'bad')
        ? { results: [], refused: { message: 'invalid due date', retryable: false } }
        : { results: batch.map((t): WriteResult => ({ key: t.key, ok: true, crm_id: acme.store(t.key) })) },
    );
    const results = await createTasksIdempotently([task('a'), task('bad'), task('c')], acme.protocol, []);
    expect(results.filter((result) => result.ok).map((result) => result.key)).toEqual(['a', 'c']);
    expect(results[1]).toEqual({ key: 'bad', ok: false, error: 'invalid due date', retryable: false });
  });
});
