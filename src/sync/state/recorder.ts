import { sqlReader } from './chunk-reader';
import { sqlJobLedger } from './job-ledger';
import { sqlSignalHistory } from './signal-history';
import type { SqlClient } from './sql';
import type { CrmValue } from '../ports';
import { RUN_COUNT_COLUMNS, type BatchOutcome, type Rejection, type RunCounts, type RunRecorder, type StoredFiring } from './types';

/**
 * A unit's accepted field values as `account_fields` merges them in: account → field → [value, run, when],
 * as one JSON parameter the store parses once (a row per field cost more than computing the signals).
 * Written as text directly: the same JSON as building the objects and serialising them, at a fraction of
 * the cost. Null when no value was accepted.
 */
export function fieldWrites(fields: BatchOutcome['fields'], runId: number, now: string): string | null {
  // One entry per account, its writes merged in order, as one upsert per account would have left them.
  const byAccount = new Map<string, Map<string, CrmValue>>();
  for (const write of fields) {
    for (const [field, value] of Object.entries(write.values)) {
      const entry = byAccount.get(write.account_id) ?? new Map<string, CrmValue>();
      entry.set(field, value);
      byAccount.set(write.account_id, entry);
    }
  }
  if (byAccount.size === 0) return null;
  // The instant as the timestamptz column it replaces gave it back (UTC, milliseconds); a bad one throws before anything is written.
  const stamp = `,${runId},${JSON.stringify(new Date(now).toISOString())}]`;
  const accounts: string[] = [];
  for (const [account, values] of byAccount) {
    const entries: string[] = [];
    for (const [field, value] of values) entries.push(`${JSON.stringify(field)}:[${JSON.stringify(value) ?? 'null'}${stamp}`);
    accounts.push(`${JSON.stringify(account)}:{${entries.join(',')}}`);
  }
  return `{${accounts.join(',')}}`;
}

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

/** `column = $n, …` for the run's counts, numbered from `first`. */
const countsSet = (first: number): string => RUN_COUNT_COLUMNS.map((c, i) => `${c} = $${first + i}`).join(', ');
const countValues = (c: RunCounts): number[] => RUN_COUNT_COLUMNS.map((column) => c[column]);

async function updateCounts(db: SqlClient, runId: number, c: RunCounts): Promise<void> {
  await db.query(`update runs set ${countsSet(2)} where id = $1`, [runId, ...countValues(c)]);
}

/**
 * One write unit's record as a single statement of data-modifying CTEs: atomic on its own, and one round
 * trip where a transaction of up to seven statements per unit was a sizable share of a run's recording
 * time (PGlite pays per statement, a remote PostgreSQL per round trip). An empty list inserts nothing.
 */
const RECORD_BATCH = `
with fields as (
  -- Merged into the account's row: the fields written replace theirs, the others keep their last write.
  insert into account_fields (installation_id, account_id, fields)
  select $1, a.key, a.value from jsonb_each($4::jsonb) as a
  on conflict (installation_id, account_id) do update set fields = account_fields.fields || excluded.fields
), ids as (
  insert into record_ids (installation_id, account_id, record_id, resolved_at)
  select $1, a, r, $3::timestamptz from unnest($5::text[], $6::text[]) as x(a, r)
  -- resolved_at is when the account was matched to this record: an unchanged match is not rewritten
  -- (every run reports its matches, and rewriting 20,000 identical rows a day cost most of a second).
  on conflict (installation_id, account_id) do update set record_id = excluded.record_id, resolved_at = excluded.resolved_at
    where record_ids.record_id is distinct from excluded.record_id
), keys as (
  insert into written_keys (installation_id, kind, key, crm_id, run_id, written_at)
  select $1, k, key, nullif(c, ''), $2, $3::timestamptz from unnest($7::text[], $8::text[], $9::text[]) as x(k, key, c)
  on conflict (installation_id, kind, key) do nothing
), rejected as (
  insert into rejections (run_id, kind, key, account_id, reason, code)
  select $2, k, key, nullif(a, ''), r, nullif(c, '') from unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) as x(k, key, a, r, c)
)
update runs set ${countsSet(15)} where id = $2`;

/** The writes of one run. Every method is one transaction (or one statement), so a kill leaves whole batches or none. */
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
      const { recordIds, keys, rejections } = outcome;
      await db.query(RECORD_BATCH, [
        installationId, runId, now, fieldWrites(outcome.fields, runId, now),
        recordIds.map((r) => r.account_id), recordIds.map((r) => r.record_id),
        keys.map((k) => k.kind), keys.map((k) => k.key), keys.map((k) => k.crm_id ?? ''),
        rejections.map((r) => r.kind), rejections.map((r) => r.key), rejections.map((r) => r.account_id ?? ''), rejections.map((r) => r.reason), rejections.map((r) => r.code ?? ''),
        ...countValues(progress),
      ]);
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
