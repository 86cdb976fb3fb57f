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

/** Each table's columns after installation_id, with their types: the shape of the JSON rows recorded. */
const DAY_COLUMNS = [
  ['account_id', 'text'], ['as_of', 'text'], ['health_score', 'double precision'], ['health_score_change_7d', 'integer'], ['health_change_reason', 'text'],
  ['spend_day', 'double precision'], ['use_cases_30d', 'integer'], ['teams_30d', 'integer'], ['components', 'jsonb'],
] as const;
const LATEST_COLUMNS = [
  ['account_id', 'text'], ['as_of', 'text'], ['health_score', 'double precision'], ['health_tier', 'text'], ['health_score_change_7d', 'integer'], ['trend', 'text'],
  ['commit_projected_pct', 'double precision'], ['forecast_month_usd', 'double precision'], ['budget_month_usd', 'double precision'], ['expansion_signal', 'text'],
  ['coverage', 'text'], ['segment', 'text'], ['snapshot', 'jsonb'],
] as const;

/** Rows per statement: bounds its size (one JSON parameter), whatever a caller hands in at once. */
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

/**
 * A number for a numeric column, as a parameter of its own would have gone: JSON has no NaN or Infinity,
 * so those go as text, which a float column reads as before and an integer column refuses as before.
 */
const sqlNumber = (n: number | null): number | string | null => (n === null || Number.isFinite(n) ? n : String(n));

function dayRow(s: HistorySnapshot): Record<(typeof DAY_COLUMNS)[number][0], unknown> {
  const { signals } = s;
  return {
    account_id: s.account_id, as_of: s.as_of, health_score: sqlNumber(signals.health_score), health_score_change_7d: sqlNumber(s.health_score_change_7d),
    health_change_reason: s.health_change_reason, spend_day: sqlNumber(s.spend_day), use_cases_30d: sqlNumber(signals.use_cases_30d), teams_30d: sqlNumber(signals.teams_30d), components: s.components,
  };
}

function latestRow(s: HistorySnapshot): Record<(typeof LATEST_COLUMNS)[number][0], unknown> {
  const { signals } = s;
  return {
    account_id: s.account_id, as_of: s.as_of, health_score: sqlNumber(signals.health_score), health_tier: signals.health_tier, health_score_change_7d: sqlNumber(s.health_score_change_7d),
    trend: signals.trend, commit_projected_pct: sqlNumber(signals.commit_projected_pct), forecast_month_usd: sqlNumber(signals.forecast_month_usd),
    budget_month_usd: sqlNumber(s.budget_month_usd), expansion_signal: signals.expansion_signal, coverage: signals.coverage, segment: signals.segment, snapshot: s,
  };
}

/**
 * `insert … select` from one JSON array of rows (`jsonb_to_recordset`): one parameter whatever the number
 * of rows, where a multi-row `values` list bound 10 to 14 per row (slower to bind on PGlite, and capped
 * at PostgreSQL's 65,535 parameters per statement).
 */
function insertFromJson(table: string, columns: readonly (readonly [string, string])[], conflict: string): string {
  const names = columns.map(([name]) => name);
  return `insert into ${table} (installation_id, ${names.join(', ')})
    select $1, ${names.map((n) => `x.${n}`).join(', ')} from jsonb_to_recordset($2::jsonb) as x(${columns.map(([n, t]) => `${n} ${t}`).join(', ')})
    ${conflict}`;
}

const DAY_UPDATES = DAY_COLUMNS.filter(([c]) => c !== 'account_id' && c !== 'as_of').map(([c]) => `${c} = excluded.${c}`).join(', ');
const LATEST_UPDATES = LATEST_COLUMNS.filter(([c]) => c !== 'account_id').map(([c]) => `${c} = excluded.${c}`).join(', ');
const INSERT_DAYS = insertFromJson('signal_history', DAY_COLUMNS, `on conflict (installation_id, account_id, as_of) do update set ${DAY_UPDATES}`);
const INSERT_LATEST = insertFromJson(
  'signal_latest',
  LATEST_COLUMNS,
  `on conflict (installation_id, account_id) do update set ${LATEST_UPDATES} where excluded.as_of >= signal_latest.as_of`,
);

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
      for (let start = 0; start < snapshots.length; start += ROWS_PER_INSERT) {
        const batch = snapshots.slice(start, start + ROWS_PER_INSERT);
        // Within a batch the newest day of each account is its latest; a backfill of older days never replaces a newer one kept.
        const newest = [...newestPerAccount(batch).values()];
        await db.transaction(async (tx) => {
          await tx.query(INSERT_DAYS, [installationId, JSON.stringify(batch.map(dayRow))]);
          await tx.query(INSERT_LATEST, [installationId, JSON.stringify(newest.map(latestRow))]);
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
