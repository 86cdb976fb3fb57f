import { salesforceName } from '../../../src/catalog';
import type { CrmValue, FieldWrite, WriteFieldsOptions, WriteResult } from '../../../src/sync/ports';
import type { Clock } from '../kit/clock';
import { writeBulk } from './bulk';
import { LOCKED_ROW } from './passing-errors';
import type { SalesforceSession } from './session';
import { writeCollections, type CollectionRecord } from './write-records';

const UPDATE_ACCOUNTS = { name: 'update Accounts', method: 'PATCH', url: '/composite/sobjects' } as const;

/** The sync stamp: a new value every run, so a bulk job is known again by its other columns. */
const SYNC_STAMP = salesforceName('last_synced_at');

/** An Account's changed fields by name; matched by the warehouse's Id, it also gets our id, so the next match needs no warehouse id. */
function accountFields(session: SalesforceSession, write: FieldWrite): Record<string, CrmValue> {
  const fields: Record<string, CrmValue> = { ...write.values };
  if (session.matchedById.get(write.record_id) === write.account_id) fields.Pulse_Account_Id__c = write.account_id;
  return fields;
}

function collectionRecord(session: SalesforceSession, write: FieldWrite): CollectionRecord {
  return { key: write.account_id, record: { attributes: { type: 'Account' }, id: write.record_id, ...accountFields(session, write) } };
}

/**
 * Writes Accounts' changed fields: through sObject Collections, or, for a run past the bulk threshold,
 * through a Bulk API 2.0 job (resumed from `options.jobs` when a killed run left one). Rows the job
 * found locked go again through Collections once it is done, with the same rounds as a Collections write.
 */
export async function writeAccounts(
  session: SalesforceSession,
  writes: readonly FieldWrite[],
  options: WriteFieldsOptions | undefined,
  settled: WriteResult[],
  clock: Clock,
): Promise<WriteResult[]> {
  if (options?.bulk !== true) return writeCollections(session, UPDATE_ACCOUNTS, writes.map((write) => collectionRecord(session, write)), settled);
  const byKey = new Map(writes.map((write) => [write.account_id, write]));
  const results = await writeBulk(session, writes.map((write) => ({ key: write.account_id, record: { Id: write.record_id, ...accountFields(session, write) } })), {
    ...session.bulkPolling,
    ledger: options.jobs,
    clock,
    volatileFields: [SYNC_STAMP],
  });
  const locked: FieldWrite[] = [];
  for (const result of results) {
    const write = byKey.get(result.key);
    if (!result.ok && result.code === LOCKED_ROW && write !== undefined) locked.push(write);
    else settled.push(result);
  }
  if (locked.length === 0) return settled;
  await session.lockRetry.sleep(session.lockRetry.firstPauseMs);
  return writeCollections(session, UPDATE_ACCOUNTS, locked.map((write) => collectionRecord(session, write)), settled);
}
