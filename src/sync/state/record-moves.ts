/**
 * CRM records that changed identity outside a run (a merge, a deletion, told by a webhook): the
 * accounts stored against them are moved to the surviving record or forgotten. Either way their
 * last-written values are forgotten too, so the next run writes every field to the record that holds
 * the account now instead of diffing against values another record held.
 */
import { str, type SqlClient } from './sql';
import type { StateStore } from './types';

type RecordMoveStore = Pick<StateStore, 'moveRecordIds' | 'forgetRecordIds'>;

async function forgetValues(tx: SqlClient, installationId: number, accounts: readonly string[]): Promise<void> {
  if (accounts.length === 0) return;
  await tx.query('delete from account_fields where installation_id = $1 and account_id = any($2::text[])', [installationId, accounts]);
}

export function sqlRecordMoves(db: SqlClient): RecordMoveStore {
  return {
    async moveRecordIds(installationId, fromRecordIds, toRecordId) {
      if (fromRecordIds.length === 0) return [];
      return db.transaction(async (tx) => {
        const rows = await tx.query(
          `update record_ids set record_id = $3, resolved_at = now() where installation_id = $1 and record_id = any($2::text[]) returning account_id`,
          [installationId, fromRecordIds, toRecordId],
        );
        const accounts = rows.map((row) => str(row, 'account_id'));
        await forgetValues(tx, installationId, accounts);
        return accounts;
      });
    },
    async forgetRecordIds(installationId, recordIds) {
      if (recordIds.length === 0) return [];
      return db.transaction(async (tx) => {
        const rows = await tx.query('delete from record_ids where installation_id = $1 and record_id = any($2::text[]) returning account_id', [installationId, recordIds]);
        const accounts = rows.map((row) => str(row, 'account_id'));
        await forgetValues(tx, installationId, accounts);
        return accounts;
      });
    },
  };
}
