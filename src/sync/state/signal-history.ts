/**
 * `signal_history` (migration 7): each account's snapshot per as-of day. The columns the console
 * filters and sorts on are written beside the whole snapshot (jsonb), so a page of 50 among 100,000
 * accounts is one indexed query, not a scan of documents.
 */
import type { SqlClient, SqlParam, SqlRow } from './sql';
import { num, str } from './sql';
import type { HistorySnapshot, SnapshotSortKey, StateStore } from './types';

type HistoryStore = Pick<StateStore, 'recordHistory' | 'historyOn' | 'latestHistoryDay' | 'listSnapshots' | 'accountHistory' | 'spendSeries'>;

const COLUMNS = [
  'installation_id', 'account_id', 'as_of', 'health_score', 'health_tier', 'health_score_change_7d', 'trend', 'commit_projected_pct',
  'forecast_month_usd', 'budget_month_usd', 'expansion_signal', 'coverage', 'segment', 'spend_day', 'snapshot',
] as const;

/** Rows per insert statement: PostgreSQL takes at most 65,535 parameters in one. */
const ROWS_PER_INSERT = 1000;

/** Sort keys are a closed list mapped to columns, never text from a request put into SQL. */
const SORT_COLUMNS: Record<SnapshotSortKey, string> = {
  account_id: 'account_id',
  health_score: 'health_score',
  health_score_change_7d: 'health_score_change_7d',
  trend: 'trend',
  commit_projected_pct: 'commit_projected_pct',
  forecast_month_usd: 'forecast_month_usd',
  budget_month_usd: 'budget_month_usd',
  expansion_signal: 'expansion_signal',
  coverage: 'coverage',
  segment: 'segment',
};

function rowOf(installationId: number, s: HistorySnapshot): SqlParam[] {
  const { signals } = s;
  return [
    installationId, s.account_id, s.as_of, signals.health_score === null ? null : Math.round(signals.health_score), signals.health_tier, s.health_score_change_7d,
    signals.trend, signals.commit_projected_pct, signals.forecast_month_usd, s.budget_month_usd, signals.expansion_signal, signals.coverage, signals.segment, s.spend_day,
    JSON.stringify({ signals, components: s.components, health_change_reason: s.health_change_reason, commitment: s.commitment, nrr: s.nrr, name: s.name }),
  ];
}

function snapshotOf(row: SqlRow): HistorySnapshot {
  const stored = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as Pick<HistorySnapshot, 'signals' | 'components' | 'health_change_reason' | 'commitment' | 'nrr' | 'name'>;
  return {
    account_id: str(row, 'account_id'),
    as_of: str(row, 'as_of'),
    signals: stored.signals,
    components: stored.components,
    spend_day: num(row, 'spend_day'),
    budget_month_usd: row.budget_month_usd === null ? null : num(row, 'budget_month_usd'),
    health_score_change_7d: row.health_score_change_7d === null ? null : num(row, 'health_score_change_7d'),
    health_change_reason: stored.health_change_reason ?? null,
    commitment: stored.commitment ?? null,
    nrr: stored.nrr,
    name: stored.name ?? null,
  };
}

const SELECT = 'select account_id, as_of, spend_day, budget_month_usd, health_score_change_7d, snapshot from signal_history';

export function sqlSignalHistory(db: SqlClient): HistoryStore {
  return {
    async recordHistory(installationId, snapshots) {
      for (let start = 0; start < snapshots.length; start += ROWS_PER_INSERT) {
        const batch = snapshots.slice(start, start + ROWS_PER_INSERT);
        const params = batch.flatMap((s) => rowOf(installationId, s));
        const tuples = batch.map((_, r) => `(${COLUMNS.map((_c, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ');
        const updates = COLUMNS.filter((c) => !['installation_id', 'account_id', 'as_of'].includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');
        await db.query(
          `insert into signal_history (${COLUMNS.join(', ')}) values ${tuples}
           on conflict (installation_id, account_id, as_of) do update set ${updates}, recorded_at = now()`,
          params,
        );
      }
    },
    async historyOn(installationId, accountIds, asOf) {
      if (accountIds.length === 0) return new Map();
      const rows = await db.query(`${SELECT} where installation_id = $1 and as_of = $2 and account_id = any($3::text[])`, [installationId, asOf, accountIds]);
      return new Map(rows.map((row) => [str(row, 'account_id'), snapshotOf(row)]));
    },
    async latestHistoryDay(installationId) {
      const [row] = await db.query('select max(as_of) as as_of from signal_history where installation_id = $1', [installationId]);
      return row === undefined || row.as_of === null ? null : str(row, 'as_of');
    },
    async listSnapshots(installationId, asOf, query) {
      const params: SqlParam[] = [installationId, asOf];
      const where = ['installation_id = $1', 'as_of = $2'];
      for (const [column, value] of [['health_tier', query.tier], ['expansion_signal', query.expansion], ['coverage', query.coverage], ['segment', query.segment]] as const) {
        if (value === undefined) continue;
        params.push(value);
        where.push(`${column} = $${params.length}`);
      }
      const order = `${SORT_COLUMNS[query.sort]} ${query.direction === 'asc' ? 'asc' : 'desc'} nulls last, account_id asc`;
      const filtered = where.join(' and ');
      // One after another: the store may be a single session (pg Client, PGlite), which queues queries anyway.
      const rows = await db.query(`${SELECT} where ${filtered} order by ${order} limit ${Math.max(0, Math.floor(query.limit))} offset ${Math.max(0, Math.floor(query.offset))}`, params);
      const [count] = await db.query(`select count(*) as total from signal_history where ${filtered}`, params);
      const segments = await db.query('select distinct segment from signal_history where installation_id = $1 and as_of = $2 and segment is not null order by segment', [installationId, asOf]);
      return { rows: rows.map(snapshotOf), total: count === undefined ? 0 : num(count, 'total'), segments: segments.map((row) => str(row, 'segment')) };
    },
    async accountHistory(installationId, accountId, fromDay, toDay) {
      const rows = await db.query(`${SELECT} where installation_id = $1 and account_id = $2 and as_of between $3 and $4 order by as_of`, [installationId, accountId, fromDay, toDay]);
      return rows.map(snapshotOf);
    },
    async spendSeries(installationId, accountIds, fromDay, toDay) {
      const series = new Map<string, { as_of: string; spend_day: number }[]>(accountIds.map((id) => [id, []]));
      if (accountIds.length === 0) return series;
      const rows = await db.query(
        'select account_id, as_of, spend_day from signal_history where installation_id = $1 and account_id = any($2::text[]) and as_of between $3 and $4 order by account_id, as_of',
        [installationId, accountIds, fromDay, toDay],
      );
      for (const row of rows) series.get(str(row, 'account_id'))?.push({ as_of: str(row, 'as_of'), spend_day: num(row, 'spend_day') });
      return series;
    },
  };
}
