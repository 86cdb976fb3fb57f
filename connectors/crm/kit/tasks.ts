import type { TaskWrite, WriteResult } from '../../../src/sync/ports';
import { chunk, mapPool } from './pool';
import { writeSplitting, type BatchOutcome } from './split';

/** The CRM's side of creating tasks idempotently: two calls, both keyed by the task's idempotency key. */
export interface TaskProtocol {
  /** The CRM's label, for messages. */
  crm: string;
  /** Tasks per create call (and per key read). */
  batchSize: number;
  /** Batches in flight at once. */
  requestsInFlight: number;
  /**
   * The tasks the CRM already holds among `keys`: key → CRM id. Must read consistently right after a
   * create (HubSpot: batch read by the unique key, not search), and must throw when it cannot tell:
   * creating blind could make a second task.
   */
  readKeys(keys: readonly string[]): Promise<Map<string, string>>;
  /** Creates one batch and reports what the answer confirmed, by key; a refusal of the whole call in `refused`. */
  createBatch(tasks: readonly TaskWrite[]): Promise<BatchOutcome>;
  /** Runs once per batch before its creates (HubSpot reads the owners of companies not seen yet). */
  prepare?(tasks: readonly TaskWrite[]): Promise<void>;
}

/**
 * Creates tasks so that a retry, a crash or a racing run never makes a second one: the keys the CRM
 * already holds are reported ok with the existing id; the rest are created in batches (split to isolate
 * a bad task); and anything a create did not confirm (a dropped connection after the CRM created it, a
 * conflict on a key an earlier attempt created) is read again before it is retried or split. Results go
 * into `settled` as they land (for a quota stop); the return value has one result per input, in order.
 */
export async function createTasksIdempotently(tasks: readonly TaskWrite[], protocol: TaskProtocol, settled: WriteResult[]): Promise<WriteResult[]> {
  const unique = [...new Map(tasks.map((task) => [task.key, task])).values()];
  const confirmOrRead = async (batch: readonly TaskWrite[]): Promise<BatchOutcome> => {
    const outcome = await protocol.createBatch(batch);
    const confirmed = new Set(outcome.results.map((result) => result.key));
    const unconfirmed = batch.filter((task) => !confirmed.has(task.key)).map((task) => task.key);
    const found = unconfirmed.length === 0 ? new Map<string, string>() : await protocol.readKeys(unconfirmed);
    const results = [...outcome.results, ...[...found].map(([key, id]): WriteResult => ({ key, ok: true, crm_id: id }))];
    return outcome.refused === undefined ? { results } : { results, refused: outcome.refused };
  };
  await mapPool(chunk(unique, protocol.batchSize), protocol.requestsInFlight, async (batch) => {
    const existing = await protocol.readKeys(batch.map((task) => task.key));
    settled.push(...[...existing].map(([key, id]): WriteResult => ({ key, ok: true, crm_id: id })));
    const toCreate = batch.filter((task) => !existing.has(task.key));
    if (toCreate.length === 0) return;
    await protocol.prepare?.(toCreate);
    settled.push(...(await writeSplitting(toCreate, { crm: protocol.crm, keyOf: (task) => task.key, send: confirmOrRead })));
  });
  // A key given twice gets the one result.
  const byKey = new Map(settled.map((result) => [result.key, result]));
  return tasks.map((task) => byKey.get(task.key) ?? { key: task.key, ok: false, error: 'not attempted', retryable: true });
}
