/** Which warehouse account a CRM record holds: the HubSpot card asks by the record it is shown on. */
import { str, type SqlClient } from './sql';
import type { StateStore } from './types';

type RecordLookup = Pick<StateStore, 'accountByRecordId'>;

export function sqlRecordLookup(db: SqlClient): RecordLookup {
  return {
    async accountByRecordId(installationId, recordId) {
      // A merge can leave two accounts on one record (record-moves.ts): answer the same one every time.
      const rows = await db.query('select account_id from record_ids where installation_id = $1 and record_id = $2 order by account_id limit 1', [installationId, recordId]);
      const row = rows[0];
      return row === undefined ? null : str(row, 'account_id');
    },
  };
}
