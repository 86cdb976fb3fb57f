import { z } from 'zod';
import type { WriteResult } from '../../../src/sync/ports';
import { chunk, mapPool } from '../kit/pool';
import { writeSplitting, type BatchOutcome } from '../kit/split';
import { SALESFORCE } from './description';
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

/**
 * Errors that pass: a row locked by a concurrent write, a request that timed out inside Salesforce. The
 * record is failed as retryable; the next run (or a later pass) writes it again.
 */
const PASSING = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE']);

function toResult(key: string, result: CollectionResult): WriteResult {
  if (result.success) return result.id ? { key, ok: true, crm_id: result.id } : { key, ok: true };
  return { key, ok: false, error: collectionError(result), retryable: result.errors.some((e) => PASSING.has(e.statusCode ?? '')) };
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
): Promise<WriteResult[]> {
  await mapPool(chunk(records, SALESFORCE.batchSize), session.requestsInFlight, async (batch) => {
    settled.push(
      ...(await writeSplitting(batch, { crm: SALESFORCE.label, keyOf: (item) => item.key, send: (part) => sendBatch(session, call.name, call.method, call.url, part) })),
    );
  });
  return settled;
}
