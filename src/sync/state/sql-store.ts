import { PulseError } from '../../errors';
import { sqlReader } from './chunk-reader';
import { sqlFirstDayKeeper } from './first-day-keeper';
import { sqlValidationKeeper } from './validation-keeper';
import { sqlJobLedger } from './job-ledger';
import { sqlNamedInstallations } from './named-installations';
import { sqlOAuthStates } from './oauth-states';
import { sqlRecorder } from './recorder';
import { sqlRecordLookup } from './record-lookup';
import { sqlRecordMoves } from './record-moves';
import { sqlSignalHistory } from './signal-history';
import { sqlAccountReads } from './account-reads';
import { num, str, strOrNull, type SqlClient, type SqlRow } from './sql';
import { RUN_COUNT_COLUMNS, type Installation, type Rejection, type RejectionKind, type RunCounts, type RunStatus, type RunSummary, type StateStore } from './types';

/** Namespaces the advisory locks of sync runs (the second key is the installation id). */
const RUN_LOCK_SPACE = 7_283_110;

function installationFromRow(row: SqlRow): Installation {
  return {
    id: num(row, 'id'),
    tenant: str(row, 'tenant'),
    crm: str(row, 'crm') as string,
    crmAccountId: str(row, 'crm_account_id'),
    hasCredentials: row.has_credentials === true,
  };
}

const INSTALLATION_COLUMNS = 'id, tenant, crm, crm_account_id, credentials is not null as has_credentials';

function runFromRow(row: SqlRow): RunSummary {
  const counts = Object.fromEntries(RUN_COUNT_COLUMNS.map((c) => [c, num(row, c)])) as Record<keyof RunCounts, number>;
  return {
    id: num(row, 'id'),
    tenant: str(row, 'tenant'),
    crm: str(row, 'crm'),
    crm_account_id: str(row, 'crm_account_id'),
    as_of: str(row, 'as_of'),
    backfill: row.backfill === true,
    started_at: str(row, 'started_at'),
    finished_at: strOrNull(row, 'finished_at'),
    status: str(row, 'status') as RunStatus,
    error_code: strOrNull(row, 'error_code'),
    error: strOrNull(row, 'error'),
    resume_at: strOrNull(row, 'resume_at'),
    ...counts,
  };
}

const RUN_SELECT = `select r.*, i.tenant, i.crm, i.crm_account_id from runs r join installations i on i.id = r.installation_id`;

/**
 * Runs a kill left 'running' (we hold the installation's lock, so none is still alive) become
 * 'interrupted'. Their counts were recorded with each write unit; what they wrote is also counted
 * from the values and keys the store holds for them, in case the kill came between the two.
 */
const MARK_INTERRUPTED = `
update runs r set status = 'interrupted', error_code = 'INTERRUPTED',
  error = 'the process stopped before the run finished (killed or crashed); the next run finishes its work',
  written = greatest(r.written, (select count(distinct v.account_id) from field_values v where v.installation_id = r.installation_id and v.run_id = r.id)),
  tasks_created = greatest(r.tasks_created, (select count(*) from written_keys k where k.installation_id = r.installation_id and k.run_id = r.id and k.kind = 'task')),
  events_published = greatest(r.events_published, (select count(*) from written_keys k where k.installation_id = r.installation_id and k.run_id = r.id and k.kind = 'event'))
where r.installation_id = $1 and r.status = 'running'`;

/** The state store over any SqlClient (pg or PGlite): the same statements for both. */
/** `readOnly`: the session refuses writes (openStateStoreReadOnly), so caches it would keep are left as they are. */
export function sqlStateStore(db: SqlClient, options: { readOnly?: boolean } = {}): StateStore {
  // Advisory locks are re-entrant within a session: this set stops a second run on the same connection.
  const running = new Set<number>();
  return {
    async findInstallation(tenant, crm, crmAccountId) {
      const [row] = await db.query(`select ${INSTALLATION_COLUMNS} from installations where tenant = $1 and crm = $2 and crm_account_id = $3`, [tenant, crm, crmAccountId]);
      return row === undefined ? null : installationFromRow(row);
    },
    async ensureInstallation(tenant, crm, crmAccountId, credentials) {
      // A null credential keeps what is stored: a CLI run without a key must not erase a worker's token.
      const [row] = await db.query(
        `insert into installations (tenant, crm, crm_account_id, credentials) values ($1, $2, $3, $4)
         on conflict (tenant, crm, crm_account_id) do update
           set credentials = coalesce(excluded.credentials, installations.credentials),
               updated_at = case when excluded.credentials is null then installations.updated_at else now() end
         returning ${INSTALLATION_COLUMNS}`,
        [tenant, crm, crmAccountId, credentials],
      );
      if (row === undefined) throw new PulseError('STATE_STORE_FAILED', 'installation upsert returned no row');
      return installationFromRow(row);
    },
    async credentials(installationId) {
      const [row] = await db.query('select credentials from installations where id = $1', [installationId]);
      return row === undefined ? null : strOrNull(row, 'credentials');
    },
    async saveCredentials(installationId, credentials) {
      const updated = await db.query('update installations set credentials = $2, updated_at = now() where id = $1 returning id', [installationId, credentials]);
      if (updated.length === 0) {
        throw new PulseError('STATE_STORE_FAILED', `cannot save the credentials of installation ${installationId}: there is no such installation`, {
          place: `installations.id = ${installationId}`,
        });
      }
    },
    jobLedger: (installationId) => sqlJobLedger(db, installationId),
    firstDays: (scope) => sqlFirstDayKeeper(db, scope, options),
    validationReports: (scope) => sqlValidationKeeper(db, scope, options),
    reader: (installationId) => sqlReader(db, installationId),
    async lastSyncedAsOf(installationId) {
      const [row] = await db.query('select max(as_of) as as_of from runs where installation_id = $1', [installationId]);
      return row === undefined ? null : strOrNull(row, 'as_of');
    },
    async startRun(installationId, asOf, now, options = {}) {
      const busy = () => new PulseError('SYNC_BUSY', `another sync run of this installation (${installationId}) is in progress: wait for it to finish`);
      if (running.has(installationId)) throw busy();
      const [lock] = await db.query('select pg_try_advisory_lock($1, $2) as locked', [RUN_LOCK_SPACE, installationId]);
      if (lock?.locked !== true) throw busy();
      running.add(installationId);
      const release = async () => {
        running.delete(installationId);
        await db.query('select pg_advisory_unlock($1, $2)', [RUN_LOCK_SPACE, installationId]);
      };
      try {
        await db.query(MARK_INTERRUPTED, [installationId]);
        // Ids without gaps: max + 1 under a lock that only other run inserts wait for (readers do not).
        const row = await db.transaction(async (tx) => {
          await tx.query('lock table runs in share row exclusive mode');
          const [inserted] = await tx.query(
            `insert into runs (id, installation_id, as_of, started_at, status, backfill)
             select coalesce(max(id), 0) + 1, $1, $2, $3::timestamptz, 'running', $4 from runs returning id`,
            [installationId, asOf, now, options.backfill === true],
          );
          return inserted;
        });
        if (row === undefined) throw new PulseError('STATE_STORE_FAILED', 'run insert returned no row');
        return sqlRecorder(db, installationId, num(row, 'id'), release);
      } catch (error) {
        await release();
        throw error;
      }
    },
    async listRuns(limit, options = {}) {
      if (options.installationId !== undefined) {
        return (await db.query(`${RUN_SELECT} where r.installation_id = $2 order by r.id desc limit $1`, [limit, options.installationId])).map(runFromRow);
      }
      return (await db.query(`${RUN_SELECT} order by r.id desc limit $1`, [limit])).map(runFromRow);
    },
    ...sqlNamedInstallations(db),
    ...sqlOAuthStates(db),
    ...sqlRecordMoves(db),
    ...sqlRecordLookup(db),
    ...sqlSignalHistory(db),
    ...sqlAccountReads(db),
    async getRun(id) {
      const [row] = await db.query(`${RUN_SELECT} where r.id = $1`, [id]);
      return row === undefined ? null : runFromRow(row);
    },
    async runRejections(id): Promise<Rejection[]> {
      return (await db.query('select kind, key, account_id, reason, code from rejections where run_id = $1 order by id', [id])).map((row) => ({
        kind: str(row, 'kind') as RejectionKind,
        key: str(row, 'key'),
        account_id: strOrNull(row, 'account_id'),
        reason: str(row, 'reason'),
        code: strOrNull(row, 'code'),
      }));
    },
    close: () => db.close(),
  };
}
