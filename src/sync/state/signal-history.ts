/**
 * `signal_history` and `signal_latest` (migration 7): a narrow reading per account and as-of day, and
 * each account's newest whole snapshot beside the columns the console's list filters and sorts on. A
 * page of 50 among 100,000 accounts reads the one row per account of `signal_latest`, never a day's
 * rows scattered through a year of history.
 */
import type { SqlClient, SqlParam, SqlRow } from './sql';
import { num, numOrNull, str, strOrNull } from './sql';
import type { DayReading, HistorySnapshot, SnapshotSortKey, StateStore } from './types';

type HistoryStore = Pick<StateStore, 'recordHistory' | 'historyOn' | 'latestHistoryDay' | 'latestSnapshot' | 'listSnapshots' | 'accountHistory' | 'spendSeries'>;

const DAY_COLUMNS = [
  'installation_id', 'account_id', 'as_of', 'health_score', 'health_score_change_7d', 'health_change_reason', 'spend_day', 'use_cases_30d', 'teams_30d', 'components',
] as const;
const LATEST_COLUMNS = [
  'installation_id', 'account_id', 'as_of', 'health_score', 'health_tier', 'health_score_change_7d', 'trend', 'commit_projected_pct', 'forecast_month_usd',
  'budget_month_usd', 'expansion_signal', 'coverage', 'segment', 'snapshot',
] as const;
const KEY_COLUMNS: readonly string[] = ['installation_id', 'account_id', 'as_of'];

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

function dayRow(installationId: number, s: HistorySnapshot): SqlParam[] {
  const { signals } = s;
  return [
    installationId, s.account_id, s.as_of, signals.health_score, s.health_score_change_7d, s.health_change_reason, s.spend_day, signals.use_cases_30d, signals.teams_30d,
    JSON.stringify(s.components),
  ];
}

function latestRow(installationId: number, s: HistorySnapshot): SqlParam[] {
  const { signals } = s;
  return [
    installationId, s.account_id, s.as_of, signals.health_score, signals.health_tier, s.health_score_change_7d, signals.trend, signals.commit_projected_pct,
    signals.forecast_month_usd, s.budget_month_usd, signals.expansion_signal, signals.coverage, signals.segment, JSON.stringify(s),
  ];
}

const jsonOf = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function readingOf(row: SqlRow): DayReading {
  return {
    account_id: str(row, 'account_id'),
    as_of: str(row, 'as_of'),
    health_score: numOrNull(row, 'health_score'),
    components: jsonOf(row.components) as DayReading['components'],
    spend_day: num(row, 'spend_day'),
    use_cases_30d: num(row, 'use_cases_30d'),
    teams_30d: num(row, 'teams_30d'),
    health_score_change_7d: numOrNull(row, 'health_score_change_7d'),
    health_change_reason: strOrNull(row, 'health_change_reason'),
  };
}

const snapshotOf = (row: SqlRow) => jsonOf(row.snapshot) as HistorySnapshot;

/** Multi-row `insert ... values` with numbered parameters, `columns.length` per row. */
function valuesList(rows: number, columns: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_c, c) => `$${r * columns + c + 1}`).join(', ')})`).join(', ');
}

function newestPerAccount(snapshots: readonly HistorySnapshot[]): Map<string, HistorySnapshot> {
  const newest = new Map<string, HistorySnapshot>();
  for (const s of snapshots) {
    const kept = newest.get(s.account_id);
    if (kept === undefined || s.as_of >= kept.as_of) newest.set(s.account_id, s);
  }
  return newest;
}

const READING = 'select account_id, as_of, health_score, components, spend_day, use_cases_30d, teams_30d, health_score_change_7d, health_change_reason from signal_history';

export function sqlSignalHistory(db: SqlClient): HistoryStore {
  return {
    async recordHistory(installationId, snapshots) {
      const dayUpdates = DAY_COLUMNS.filter((c) => !KEY_COLUMNS.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');
      const latestUpdates = LATEST_COLUMNS.filter((c) => c !== 'installation_id' && c !== 'account_id').map((c) => `${c} = excluded.${c}`).join(', ');
      for (let start = 0; start < snapshots.length; start += ROWS_PER_INSERT) {
        const batch = snapshots.slice(start, start + ROWS_PER_INSERT);
        // Within a batch the newest day of each account is its latest; a backfill of older days never replaces a newer one kept.
        const newest = [...newestPerAccount(batch).values()];
        await db.transaction(async (tx) => {
          await tx.query(
            `insert into signal_history (${DAY_COLUMNS.join(', ')}) values ${valuesList(batch.length, DAY_COLUMNS.length)}
             on conflict (installation_id, account_id, as_of) do update set ${dayUpdates}`,
            batch.flatMap((s) => dayRow(installationId, s)),
          );
          await tx.query(
            `insert into signal_latest (${LATEST_COLUMNS.join(', ')}) values ${valuesList(newest.length, LATEST_COLUMNS.length)}
             on conflict (installation_id, account_id) do update set ${latestUpdates} where excluded.as_of >= signal_latest.as_of`,
            newest.flatMap((s) => latestRow(installationId, s)),
          );
        });
      }
    },
    async historyOn(installationId, accountIds, asOf) {
      if (accountIds.length === 0) return new Map();
      const rows = await db.query(`${READING} where installation_id = $1 and as_of = $2 and account_id = any($3::text[])`, [installationId, asOf, accountIds]);
      return new Map(rows.map((row) => [str(row, 'account_id'), readingOf(row)]));
    },
    async latestHistoryDay(installationId) {
      const [row] = await db.query('select max(as_of) as as_of from signal_history where installation_id = $1', [installationId]);
      return row === undefined ? null : strOrNull(row, 'as_of');
    },
    async latestSnapshot(installationId, accountId) {
      const [row] = await db.query('select snapshot from signal_latest where installation_id = $1 and account_id = $2', [installationId, accountId]);
      return row === undefined ? null : snapshotOf(row);
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
      const rows = await db.query(
        `select snapshot from signal_latest where ${filtered} order by ${order} limit ${Math.max(0, Math.floor(query.limit))} offset ${Math.max(0, Math.floor(query.offset))}`,
        params,
      );
      const [count] = await db.query(`select count(*) as total from signal_latest where ${filtered}`, params);
      const segments = await db.query('select distinct segment from signal_latest where installation_id = $1 and as_of = $2 and segment is not null order by segment', [installationId, asOf]);
      return { rows: rows.map(snapshotOf), total: count === undefined ? 0 : num(count, 'total'), segments: segments.map((row) => str(row, 'segment')) };
    },
    async accountHistory(installationId, accountId, fromDay, toDay) {
      const rows = await db.query(`${READING} where installation_id = $1 and account_id = $2 and as_of between $3 and $4 order by as_of`, [installationId, accountId, fromDay, toDay]);
      return rows.map(readingOf);
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
