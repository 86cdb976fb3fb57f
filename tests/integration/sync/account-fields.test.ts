/**
 * The last-written values kept one row per account (migration 9): values written before it survive it,
 * a write merges only its own fields, and history batches larger than one statement are recorded whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../src/sync/state/migrations';
import { migrate } from '../../../src/sync/state/migrate';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import { openPglite } from '../../../src/sync/state/pglite-client';
import type { SqlClient } from '../../../src/sync/state/sql';
import { sqlStateStore } from '../../../src/sync/state/sql-store';
import { ZERO_COUNTS, type RunEnd } from '../../../src/sync/state';
import { makeSnapshot } from '../../support/snapshots';
import { testDatabaseUrl } from '../../support/test-database';
import { pgliteOutsideJest } from './pglite-outside-jest';
import { openTestStore, type Backend } from './harness';

/** How each run here ends. */
const SUCCEEDED: RunEnd = { status: 'succeeded', errorCode: null, error: null, resumeAt: null };

async function openAtVersion8(backend: Backend): Promise<{ db: SqlClient; cleanup: () => Promise<void> }> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'pulse-state-')) : null;
  const db = dir === null ? await connectPostgres(await testDatabaseUrl('account_fields')) : await openPglite(dir, pgliteOutsideJest);
  await migrate(db, MIGRATIONS.filter((m) => m.version <= 8));
  return {
    db,
    async cleanup() {
      await db.close();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each<Backend>(['pglite', 'postgres'])('last-written field values on %s', (backend) => {
  it('migration 9 keeps every value written before it, with its run and time', async () => {
    const { db, cleanup } = await openAtVersion8(backend);
    try {
      const [inst] = await db.query(`insert into installations (tenant, crm, crm_account_id) values ('t', 'hubspot', 'p-1') returning id`);
      const id = Number(inst?.id);
      await db.query(
        `insert into field_values values ($1, 'a1', 'pulse_health_score', '70', 3, '2026-11-24T06:00:00Z'), ($1, 'a1', 'pulse_trend', '"stable"', 4, '2026-11-25T06:00:00Z'),
           ($1, 'a2', 'pulse_flag', 'true', 4, '2026-11-25T06:00:00Z'), ($1, 'a2', 'pulse_reason', 'null', 4, '2026-11-25T06:00:00Z')`,
        [id],
      );
      await migrate(db);
      const store = sqlStateStore(db);
      expect(await store.accountFieldValues(id, 'a1')).toEqual([
        { field: 'pulse_health_score', value: 70, written_at: '2026-11-24T06:00:00.000Z' },
        { field: 'pulse_trend', value: 'stable', written_at: '2026-11-25T06:00:00.000Z' },
      ]);
      const state = await store.reader(id).loadChunk(['a1', 'a2', 'a3'], '2026-11-26');
      expect(Object.fromEntries([...state.written].map(([account, values]) => [account, Object.fromEntries(values)]))).toEqual({
        a1: { pulse_health_score: 70, pulse_trend: 'stable' },
        a2: { pulse_flag: true, pulse_reason: null },
      });
      expect(await db.query('select account_id, field, run_id from field_values where installation_id = $1 order by 1, 2', [id])).toEqual([
        { account_id: 'a1', field: 'pulse_health_score', run_id: 3 },
        { account_id: 'a1', field: 'pulse_trend', run_id: 4 },
        { account_id: 'a2', field: 'pulse_flag', run_id: 4 },
        { account_id: 'a2', field: 'pulse_reason', run_id: 4 },
      ]);
    } finally {
      await cleanup();
    }
  });

  it('a write replaces its own fields and keeps the others as last written', async () => {
    const t = await openTestStore(backend);
    try {
      const { id } = await t.store.ensureInstallation('default', 'dry-run', 'dry-run:hubspot', null);
      const first = await t.store.startRun(id, '2026-11-24', '2026-11-24T06:00:00Z');
      const outcome = { recordIds: [], keys: [], rejections: [] };
      await first.recordBatch({ ...outcome, fields: [{ account_id: 'a1', values: { pulse_health_score: '70', pulse_trend: 'stable' } }, { account_id: 'a2', values: {} }] }, '2026-11-24T06:00:00Z', ZERO_COUNTS);
      await first.finish(ZERO_COUNTS, SUCCEEDED, '2026-11-24T06:01:00Z');
      const second = await t.store.startRun(id, '2026-11-25', '2026-11-25T06:00:00Z');
      await second.recordBatch({ ...outcome, fields: [{ account_id: 'a1', values: { pulse_trend: 'growing' } }] }, '2026-11-25T06:00:00Z', ZERO_COUNTS);
      expect(await t.store.accountFieldValues(id, 'a1')).toEqual([
        { field: 'pulse_health_score', value: '70', written_at: '2026-11-24T06:00:00.000Z' },
        { field: 'pulse_trend', value: 'growing', written_at: '2026-11-25T06:00:00.000Z' },
      ]);
      // An account with no value accepted has no row at all, as it had no field rows before.
      expect(await t.db.query('select account_id from account_fields where installation_id = $1', [id])).toEqual([{ account_id: 'a1' }]);
      await second.finish(ZERO_COUNTS, SUCCEEDED, '2026-11-25T06:01:00Z');
    } finally {
      await t.cleanup();
    }
  });

  it('keeps when an unchanged match was made, and takes a new record id with its time', async () => {
    const t = await openTestStore(backend);
    try {
      const { id } = await t.store.ensureInstallation('ids', 'hubspot', 'p-2', null);
      const batch = (recordId: string) => ({ fields: [], keys: [], rejections: [], recordIds: [{ account_id: 'a1', record_id: recordId }] });
      const resolved = async () => t.db.query('select record_id, resolved_at::text as at from record_ids where installation_id = $1', [id]);
      const run = await t.store.startRun(id, '2026-11-24', '2026-11-24T06:00:00Z');
      await run.recordBatch(batch('r-1'), '2026-11-24T06:00:00Z', ZERO_COUNTS);
      const first = await resolved();
      await run.recordBatch(batch('r-1'), '2026-11-25T06:00:00Z', ZERO_COUNTS);
      expect(await resolved()).toEqual(first);
      await run.recordBatch(batch('r-2'), '2026-11-26T06:00:00Z', ZERO_COUNTS);
      const [moved] = await resolved();
      expect(moved?.record_id).toBe('r-2');
      expect(moved?.at).not.toBe(first[0]?.at);
      await run.finish(ZERO_COUNTS, SUCCEEDED, '2026-11-26T06:01:00Z');
    } finally {
      await t.cleanup();
    }
  });

  it('records a history batch larger than one statement whole', async () => {
    const t = await openTestStore(backend);
    try {
      const { id } = await t.store.ensureInstallation('history', 'hubspot', 'p-1', null);
      const ids = Array.from({ length: 1203 }, (_, i) => `acct-${String(i).padStart(5, '0')}`);
      await t.store.recordHistory(id, ids.map((account, i) => makeSnapshot({ account_id: account, as_of: '2026-11-24', spend_day: i, signals: { health_score: i % 100 } })));
      const [count] = await t.db.query('select count(*)::int as n, sum(spend_day)::int as spend from signal_history where installation_id = $1', [id]);
      expect(count).toEqual({ n: 1203, spend: (1202 * 1203) / 2 });
      expect(await t.store.latestSnapshot(id, 'acct-01202')).toMatchObject({ account_id: 'acct-01202', spend_day: 1202, signals: { health_score: 2 } });
      expect((await t.store.historyOn(id, ['acct-00000', 'acct-01202'], '2026-11-24')).get('acct-01202')).toMatchObject({ spend_day: 1202, health_score: 2 });
    } finally {
      await t.cleanup();
    }
  });
});
