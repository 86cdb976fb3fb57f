import type { CrmValue, FieldWrite, WriteResult } from '../../../src/sync/ports';
import { mapPool } from '../kit/pool';
import { writeSplitting, type BatchOutcome } from '../kit/split';
import { HUBSPOT } from './description';
import type { HubspotSession } from './session';

/** HubSpot takes every value as a string; '' clears a property. Values from formatFields already are strings. */
export function hubspotString(value: CrmValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * Batches of at most 100, no company twice in one batch: HubSpot refuses a whole batch that names an id
 * twice. A second write to the same company (rare: two accounts mapped to one company) goes in a later batch.
 */
export function batchWrites(writes: readonly FieldWrite[]): FieldWrite[][] {
  const batches: { writes: FieldWrite[]; ids: Set<string> }[] = [];
  for (const write of writes) {
    let target = batches.find((batch) => batch.writes.length < HUBSPOT.batchSize && !batch.ids.has(write.record_id));
    if (target === undefined) {
      target = { writes: [], ids: new Set() };
      batches.push(target);
    }
    target.writes.push(write);
    target.ids.add(write.record_id);
  }
  return batches.map((batch) => batch.writes);
}

async function updateBatch(session: HubspotSession, batch: readonly FieldWrite[]): Promise<BatchOutcome> {
  const answer = await session.link.call('batch update companies', 'standard', (options) =>
    session.link.apis().companies.batchApi.updateWithHttpInfo(
      {
        inputs: batch.map((write) => ({
          id: write.record_id,
          properties: Object.fromEntries(Object.entries(write.values).map(([name, value]) => [name, hubspotString(value)])),
        })),
      },
      options,
    ),
  );
  if (!answer.ok) return { results: [], refused: { message: answer.message, retryable: answer.retryable } };
  const accountsOf = new Map(batch.map((write) => [write.record_id, write.account_id]));
  const results: WriteResult[] = [];
  for (const company of answer.data.results) {
    const key = accountsOf.get(company.id);
    if (key !== undefined) results.push({ key, ok: true, crm_id: company.id });
  }
  // A 207 names the failed inputs in each error's context (`ids`); the rest of the batch was written.
  const errors = 'errors' in answer.data ? (answer.data.errors ?? []) : [];
  for (const error of errors) {
    for (const id of Object.values(error.context ?? {}).flat()) {
      const key = accountsOf.get(id);
      if (key !== undefined) results.push({ key, ok: false, error: `${error.category}: ${error.message}`, retryable: false });
    }
  }
  return { results };
}

/** Writes the changed properties of each company; one result per write, keyed by account_id. */
export async function writeCompanyFields(session: HubspotSession, writes: readonly FieldWrite[], settled: WriteResult[]): Promise<WriteResult[]> {
  await mapPool(batchWrites(writes), session.requestsInFlight, async (batch) => {
    const results = await writeSplitting(batch, { crm: HUBSPOT.label, keyOf: (write) => write.account_id, send: (part) => updateBatch(session, part) });
    settled.push(...results);
  });
  return settled;
}
