import { z } from 'zod';
import type { WriteResult } from '../../../src/sync/ports';
import { chunk, mapPool } from '../kit/pool';
import { writeSplitting, type BatchOutcome } from '../kit/split';
import { SALESFORCE } from './description';
import { LOCKED_ROW, PASSING_ERRORS } from './passing-errors';
import { collectionError, type CollectionResult, type SalesforceSession } from './session';

const collectionAnswer = z.array(
  z.object({
    id: z.string().nullish(),
    success: z.boolean(),
    created: z.boolean().optional(),
    errors: z.array(z.object({ statusCode: z.string().optional(), message: z.string().optional(), fields: z.array(z.string()).optional() })).default([]),
  }),
);

/** One record of an sObject Collections call, with the key its result is reported under. */
export interface CollectionRecord {
  key: string;
  record: Record<string, unknown>;
}


function toResult(key: string, result: CollectionResult): WriteResult {
  if (result.success) return result.id ? { key, ok: true, crm_id: result.id } : { key, ok: true };
  const code = result.errors[0]?.statusCode;
  const failure: WriteResult = { key, ok: false, error: collectionError(result), retryable: result.errors.some((e) => PASSING_ERRORS.has(e.statusCode ?? '')) };
  return code === undefined ? failure : { ...failure, code };
}

/** How often, and after how long, records that found their row locked are sent again within the run. */
export interface LockRetry {
  rounds: number;
  /** Pause before the first round; doubled each round. */
  firstPauseMs: number;
  sleep: (ms: number) => Promise<void>;
}

async function sendBatch(session: SalesforceSession, name: string, method: 'PATCH' | 'POST', url: string, batch: readonly CollectionRecord[]): Promise<BatchOutcome> {
  const answer = await session.link.request<unknown>(name, {
    method,
    url,
    body: JSON.stringify({ allOrNone: false, records: batch.map((item) => item.record) }),
    headers: { 'Content-Type': 'application/json' },
  });
  if (!answer.ok) return { results: [], refused: { message: answer.code ? `${answer.code}: ${answer.message}` : answer.message, retryable: answer.retryable } };
  const results = collectionAnswer.parse(answer.data);
  // One answer per record, in request order (allOrNone: false): an error belongs to its record alone.
  return { results: batch.flatMap((item, i) => (results[i] === undefined ? [] : [toResult(item.key, results[i] as CollectionResult)])) };
}

/**
 * Writes records through sObject Collections, 200 a call, `requestsInFlight` calls at once, every
 * record's own answer mapped back to its key; a call refused whole is split until the bad record stands
 * alone. PATCH by Id, PATCH upsert by external id and POST create all take the same body.
 */
export async function writeCollections(
  session: SalesforceSession,
  call: { name: string; method: 'PATCH' | 'POST'; url: string },
  records: readonly CollectionRecord[],
  settled: WriteResult[],
  batches: readonly (readonly CollectionRecord[])[] = chunk(records, SALESFORCE.batchSize),
): Promise<WriteResult[]> {
  const byKey = new Map(records.map((item) => [item.key, item]));
  // A record whose row was locked is held back, not settled: it goes again once the others are written.
  let locked: { item: CollectionRecord; failure: WriteResult }[] = [];
  const send = async (parts: readonly (readonly CollectionRecord[])[]) => {
    await mapPool(parts, session.requestsInFlight, async (batch) => {
      const results = await writeSplitting(batch, { crm: SALESFORCE.label, keyOf: (item) => item.key, send: (part) => sendBatch(session, call.name, call.method, call.url, part) });
      for (const result of results) {
        const item = byKey.get(result.key);
        if (!result.ok && result.code === LOCKED_ROW && item !== undefined) locked.push({ item, failure: result });
        else settled.push(result);
      }
    });
  };
  await send(batches);
  const { lockRetry } = session;
  for (let round = 0; round < lockRetry.rounds && locked.length > 0; round++) {
    // Another transaction holds the row (often a Flow or trigger on the parent Account); moments later it usually lands.
    await lockRetry.sleep(lockRetry.firstPauseMs * 2 ** round);
    const again = locked.map((entry) => entry.item);
    locked = [];
    await send(chunk(again, SALESFORCE.batchSize));
  }
  // Still locked after the rounds: a retryable failure, written again by the next run.
  settled.push(...locked.map((entry) => entry.failure));
  return settled;
}
