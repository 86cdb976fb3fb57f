import { sqlReader } from './chunk-reader';
import { sqlJobLedger } from './job-ledger';
import { sqlSignalHistory } from './signal-history';
import type { SqlClient } from './sql';
import type { BatchOutcome, Rejection, RunCounts, RunRecorder, StoredFiring } from './types';

async function insertRejections(db: SqlClient, runId: number, rejections: readonly Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await db.query(
    `insert into rejections (run_id, kind, key, account_id, reason, code)
     select $1, k, key, nullif(a, ''), r, nullif(c, '') from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(k, key, a, r, c)`,
    [
      runId, rejections.map((r) => r.kind), rejections.map((r) => r.key), rejections.map((r) => r.account_id ?? ''),
      rejections.map((r) => r.reason), rejections.map((r) => r.code ?? ''),
    ],
  );
}

async function updateCounts(db: SqlClient, runId: number, c: RunCounts): Promise<void> {
  await db.query(
    `update runs set accounts_read = $2, changed = $3, written = $4, unchanged = $5, rejected = $6, unmatched = $7, rows_rejected = $8,
       tasks_created = $9, events_published = $10, api_calls = $11
     where id = $1`,
    [runId, c.accounts_read, c.changed, c.written, c.unchanged, c.rejected, c.unmatched, c.rows_rejected, c.tasks_created, c.events_published, c.api_calls],
  );
}

/** The writes of one run. Every method is one transaction, so a kill leaves whole batches or none. */
export function sqlRecorder(db: SqlClient, installationId: number, runId: number, release: () => Promise<void>): RunRecorder {
  return {
    runId,
    ...sqlReader(db, installationId),
    jobs: sqlJobLedger(db, installationId),
    recordHistory: (snapshots) => sqlSignalHistory(db).recordHistory(installationId, snapshots),
    async recordFirings(firings: readonly StoredFiring[]) {
      if (firings.length === 0) return;
      // do nothing on conflict: a replayed firing keeps its first fired_at, so a re-run writes the same value.
      await db.query(
        `insert into firings (installation_id, key, account_id, playbook, action, fired_on, ordinal, fired_at, reason, record_id, task, run_id)
         select $1, k, a, p, act, d, o, t::timestamptz, r, nullif(rec, ''), nullif(tk, 'null')::jsonb, $2
         from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])
           as x(k, a, p, act, d, o, t, r, rec, tk)
         on conflict (installation_id, key) do nothing`,
        [
          installationId, runId,
          firings.map((f) => f.key), firings.map((f) => f.account_id), firings.map((f) => f.playbook), firings.map((f) => f.action),
          firings.map((f) => f.fired_on), firings.map((f) => f.ordinal), firings.map((f) => f.fired_at), firings.map((f) => f.reason),
          firings.map((f) => f.record_id ?? ''), firings.map((f) => JSON.stringify(f.task)),
        ],
      );
    },
    async recordBatch(outcome: BatchOutcome, now: string, progress: RunCounts) {
      const values = outcome.fields.flatMap((w) => Object.entries(w.values).map(([field, value]) => ({ account: w.account_id, field, value })));
      await db.transaction(async (tx) => {
        if (values.length > 0) {
          await tx.query(
            `insert into field_values (installation_id, account_id, field, value, run_id, written_at)
             select $1, a, f, v::jsonb, $2, $3::timestamptz from unnest($4::text[], $5::text[], $6::text[]) as x(a, f, v)
             on conflict (installation_id, account_id, field) do update set value = excluded.value, run_id = excluded.run_id, written_at = excluded.written_at`,
            [installationId, runId, now, values.map((v) => v.account), values.map((v) => v.field), values.map((v) => JSON.stringify(v.value))],
          );
        }
        if (outcome.recordIds.length > 0) {
          await tx.query(
            `insert into record_ids (installation_id, account_id, record_id, resolved_at)
             select $1, a, r, $2::timestamptz from unnest($3::text[], $4::text[]) as x(a, r)
             on conflict (installation_id, account_id) do update set record_id = excluded.record_id, resolved_at = excluded.resolved_at`,
            [installationId, now, outcome.recordIds.map((r) => r.account_id), outcome.recordIds.map((r) => r.record_id)],
          );
        }
        if (outcome.keys.length > 0) {
          await tx.query(
            `insert into written_keys (installation_id, kind, key, crm_id, run_id, written_at)
             select $1, k, key, nullif(c, ''), $2, $3::timestamptz from unnest($4::text[], $5::text[], $6::text[]) as x(k, key, c)
             on conflict (installation_id, kind, key) do nothing`,
            [installationId, runId, now, outcome.keys.map((k) => k.kind), outcome.keys.map((k) => k.key), outcome.keys.map((k) => k.crm_id ?? '')],
          );
        }
        await insertRejections(tx, runId, outcome.rejections);
        await updateCounts(tx, runId, progress);
      });
    },
    addRejections: (rejections) => insertRejections(db, runId, rejections),
    async finish(counts, end, now) {
      try {
        await db.transaction(async (tx) => {
          await updateCounts(tx, runId, counts);
          await tx.query(
            `update runs set status = $2, error_code = $3, error = $4, resume_at = $5::timestamptz, finished_at = $6::timestamptz where id = $1`,
            [runId, end.status, end.errorCode, end.error, end.resumeAt, now],
          );
        });
      } finally {
        await release();
      }
    },
  };
}
