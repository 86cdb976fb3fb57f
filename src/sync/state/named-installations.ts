/** Named installations (migration 5): the settings beside an installations row whose tenant is the name. */
import { PulseError } from '../../errors';
import { num, str, strOrNull, type SqlClient, type SqlRow } from './sql';
import type { InstallationStatus, NamedInstallation, StateStore } from './types';

type NamedInstallationStore = Pick<StateStore, 'listInstallations' | 'findInstallationByName' | 'addInstallation' | 'removeInstallation' | 'setInstallationStatus'>;

const SELECT_NAMED = `
select i.id, n.name, i.crm, i.crm_account_id, i.credentials, n.warehouse_url, n.config_file, n.schedule, n.status, n.status_reason, n.created_at
from named_installations n join installations i on i.id = n.installation_id`;

function namedFromRow(row: SqlRow): NamedInstallation {
  return {
    id: num(row, 'id'),
    name: str(row, 'name'),
    crm: str(row, 'crm'),
    crmAccountId: str(row, 'crm_account_id'),
    warehouseUrl: strOrNull(row, 'warehouse_url'),
    configFile: strOrNull(row, 'config_file'),
    schedule: str(row, 'schedule'),
    status: str(row, 'status') as InstallationStatus,
    statusReason: strOrNull(row, 'status_reason'),
    credentials: strOrNull(row, 'credentials'),
    createdAt: str(row, 'created_at'),
  };
}

export function sqlNamedInstallations(db: SqlClient): NamedInstallationStore {
  const findByName = async (name: string): Promise<NamedInstallation | null> => {
    const [row] = await db.query(`${SELECT_NAMED} where n.name = $1`, [name]);
    return row === undefined ? null : namedFromRow(row);
  };
  return {
    async listInstallations() {
      return (await db.query(`${SELECT_NAMED} order by n.name`)).map(namedFromRow);
    },
    findInstallationByName: findByName,
    async addInstallation(installation) {
      const { name, crm, crmAccountId, credentials, warehouseUrl, configFile, schedule } = installation;
      await db.transaction(async (tx) => {
        // A removed installation of the same name and account left its row, runs and state: take them back.
        const [row] = await tx.query(
          `insert into installations (tenant, crm, crm_account_id, credentials) values ($1, $2, $3, $4)
           on conflict (tenant, crm, crm_account_id) do update set credentials = excluded.credentials, updated_at = now()
           returning id`,
          [name, crm, crmAccountId, credentials],
        );
        if (row === undefined) throw new PulseError('STATE_STORE_FAILED', 'installation upsert returned no row');
        const added = await tx.query(
          `insert into named_installations (installation_id, name, warehouse_url, config_file, schedule) values ($1, $2, $3, $4, $5)
           on conflict do nothing returning name`,
          [num(row, 'id'), name, warehouseUrl, configFile, schedule],
        );
        // The rollback also undoes the credentials just written over the existing installation's.
        if (added.length === 0) {
          throw new PulseError('INPUT_INVALID', `an installation named "${name}" already exists`, {
            place: `installation ${name}`,
            hint: `pulse installations remove ${name} first to add it again`,
          });
        }
      });
      const added = await findByName(name);
      if (added === null) throw new PulseError('STATE_STORE_FAILED', `installation "${name}" was added but cannot be read back`);
      return added;
    },
    async removeInstallation(name) {
      return db.transaction(async (tx) => {
        const [removed] = await tx.query('delete from named_installations where name = $1 returning installation_id', [name]);
        if (removed === undefined) return false;
        await tx.query('update installations set credentials = null, updated_at = now() where id = $1', [num(removed, 'installation_id')]);
        return true;
      });
    },
    async setInstallationStatus(name, status, reason) {
      const updated = await db.query('update named_installations set status = $2, status_reason = $3 where name = $1 returning name', [
        name,
        status,
        status === 'needs_attention' ? reason : null,
      ]);
      return updated.length > 0;
    },
  };
}
