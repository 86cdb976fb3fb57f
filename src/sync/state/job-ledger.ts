import type { CrmJobLedger } from '../ports';
import { str, type SqlClient } from './sql';

/**
 * One installation's CRM job ledger (`crm_jobs`): the id of an asynchronous job kept under the key of
 * what it writes, so a run that restarts with the same writes polls that job instead of sending again.
 */
export function sqlJobLedger(db: SqlClient, installationId: number): CrmJobLedger {
  return {
    async find(key) {
      const [row] = await db.query('select job_id from crm_jobs where installation_id = $1 and key = $2', [installationId, key]);
      return row === undefined ? null : str(row, 'job_id');
    },
    async remember(key, jobId) {
      // A key found with a job that had to be started over (aborted, failed) now names the new job.
      await db.query(
        `insert into crm_jobs (installation_id, key, job_id) values ($1, $2, $3)
         on conflict (installation_id, key) do update set job_id = excluded.job_id, created_at = now()`,
        [installationId, key, jobId],
      );
    },
    async forget(key) {
      await db.query('delete from crm_jobs where installation_id = $1 and key = $2', [installationId, key]);
    },
  };
}
