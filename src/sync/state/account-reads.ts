/** What the console shows of one account beside its signals: its playbook firings and the CRM fields as last written. */
import { crmValue, firingFromRow } from './chunk-reader';
import { str, type SqlClient } from './sql';
import type { StateStore } from './types';

type AccountReads = Pick<StateStore, 'accountFirings' | 'accountFieldValues'>;

export function sqlAccountReads(db: SqlClient): AccountReads {
  return {
    async accountFirings(installationId, accountId, limit) {
      const rows = await db.query(
        `select f.key, f.account_id, f.playbook, f.action, f.fired_on, f.ordinal, f.fired_at, f.reason, f.record_id, f.task, (k.key is not null) as written
         from firings f left join written_keys k on k.installation_id = f.installation_id and k.key = f.key
         where f.installation_id = $1 and f.account_id = $2 order by f.fired_on desc, f.ordinal limit $3`,
        [installationId, accountId, limit],
      );
      return rows.map((row) => ({ ...firingFromRow(row), written: row.written === true }));
    },
    async accountFieldValues(installationId, accountId) {
      const rows = await db.query('select field, value, written_at from field_values where installation_id = $1 and account_id = $2 order by field', [installationId, accountId]);
      return rows.map((row) => ({ field: str(row, 'field'), value: crmValue(row.value), written_at: str(row, 'written_at') }));
    },
  };
}
