/**
 * AccountAggregates for every account as of T, computed by the warehouse and streamed in chunks of
 * accounts: a peer pre-pass over all accounts (sql/peers.ts), then one statement per account_id range
 * (sql/query.ts), so the engine's working memory is bounded by the range, not by the warehouse.
 */
import type { AccountAggregates } from '../../domain/aggregates';
import { addDays, isValidDay, monthStart, weekday } from '../../domain/dates';
import { PulseError } from '../../errors';
import type { Row, Warehouse } from '../port';
import { toAggregates, type MapContext, type PeerRow } from './map';
import { Params } from './params';
import { historyStartQuery } from './sql/history';
import { peerQuery } from './sql/peers';
import { buildQuery } from './sql/query';
import type { AggregateOptions } from './types';

export type { AggregateOptions, MeaningfulConfig, MeaningfulRule } from './types';

/** Accounts per range statement when the option is not given, per engine (see AggregateOptions.accountsPerQuery). */
export const DEFAULT_ACCOUNTS_PER_QUERY = { duckdb: 1000, postgres: Number.POSITIVE_INFINITY } as const;

/** The first of T's month and of the month before, as `YYYY-MM-DD` (UTC calendar). */
export function monthBounds(asOf: string): { monthStart: string; lastMonthStart: string } {
  const first = monthStart(asOf);
  // The day before the first of T's month lies in the previous month.
  return { monthStart: first, lastMonthStart: monthStart(addDays(first, -1)) };
}

function checkAsOf(asOf: string): void {
  if (!isValidDay(asOf)) {
    throw new PulseError('INPUT_INVALID', `as-of day must be YYYY-MM-DD, got ${asOf}`, { place: 'asOf' });
  }
}

/** The history-start statement (the same text for DuckDB and PostgreSQL), exposed for EXPLAIN and profiling. */
export function historyStartPrepass(opts: AggregateOptions): { sql: string; params: unknown[] } {
  checkAsOf(opts.asOf);
  const p = new Params(opts.cteParams);
  return { sql: historyStartQuery(opts.ctes, p, opts.asOf), params: p.values };
}

/** The configured history start, or the earliest day of valid usage up to T; null when there is none. */
export async function resolveHistoryStart(wh: Warehouse, opts: AggregateOptions): Promise<string | null> {
  if (opts.historyStart !== undefined) {
    if (!isValidDay(opts.historyStart)) {
      throw new PulseError('INPUT_INVALID', `history start must be YYYY-MM-DD, got ${opts.historyStart}`, { place: 'warehouse.history_start' });
    }
    return opts.historyStart;
  }
  const { sql, params } = historyStartPrepass(opts);
  const [row] = await wh.all(sql, params);
  const day = row?.history_start;
  return day === null || day === undefined ? null : String(day);
}

/** The peer pre-pass statement (the same text for DuckDB and PostgreSQL), exposed for EXPLAIN and profiling. */
export function peerPrepass(opts: AggregateOptions): { sql: string; params: unknown[] } {
  checkAsOf(opts.asOf);
  const p = new Params(opts.cteParams);
  return { sql: peerQuery(opts.ctes, p, opts.asOf), params: p.values };
}

/**
 * The statement for accounts `lo ≤ account_id ≤ hi` and its parameters (the same text for DuckDB and
 * PostgreSQL), exposed for EXPLAIN and profiling.
 */
export function aggregateQuery(opts: AggregateOptions, lo: unknown, hi: unknown): { sql: string; params: unknown[] } {
  checkAsOf(opts.asOf);
  const p = new Params(opts.cteParams);
  const range = { lo: p.bind(lo), hi: p.bind(hi) };
  const sql = buildQuery({ ctes: opts.ctes, present: opts.present, asOf: opts.asOf, months: monthBounds(opts.asOf), meaningful: opts.meaningful }, p, range);
  return { sql, params: p.values };
}

/** Consecutive runs of at most `size` accounts, as [first id, last id] in the warehouse's own order. */
function ranges(peers: readonly Row[], size: number): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  const step = Number.isFinite(size) ? Math.max(1, Math.floor(size)) : peers.length;
  for (let i = 0; i < peers.length; i += step) {
    out.push([peers[i]?.account_id, peers[Math.min(i + step, peers.length) - 1]?.account_id]);
  }
  return out;
}

/**
 * Streams AccountAggregates in account_id order, `chunkSize` accounts at a time.
 * On PostgreSQL the statements run with nested-loop joins disabled: the validated CTEs are filtered
 * scans whose row estimates collapse to ~1, and a cursor is planned for fast start, so the planner
 * otherwise rescans the whole usage table once per account (minutes at 2,000 accounts). Every join
 * here is an equality on account_id, which a hash join does in one pass.
 */
export async function* streamAggregates(wh: Warehouse, opts: AggregateOptions): AsyncIterable<AccountAggregates[]> {
  if (wh.dialect !== 'postgres') {
    yield* aggregateChunks(wh, opts);
    return;
  }
  await wh.all('set enable_nestloop = off');
  try {
    yield* aggregateChunks(wh, opts);
  } finally {
    await wh.all('reset enable_nestloop');
  }
}

async function* aggregateChunks(wh: Warehouse, opts: AggregateOptions): AsyncIterable<AccountAggregates[]> {
  const historyStart = await resolveHistoryStart(wh, opts);
  const pre = peerPrepass(opts);
  const peerRows = await wh.all(pre.sql, pre.params);
  const peers = new Map<unknown, PeerRow>(peerRows.map((r) => [r.account_id, r as unknown as PeerRow]));
  const ctx: MapContext = {
    asOf: opts.asOf,
    historyStart,
    asOfWeekday: weekday(opts.asOf),
    hasCommitments: opts.present.has('commitments'),
    hasActiveUsers: opts.present.has('active_users_daily'),
    hasOutcomes: opts.present.has('outcomes_daily'),
  };
  const chunkSize = opts.chunkSize ?? 1000;
  let pending: AccountAggregates[] = [];
  for (const [lo, hi] of ranges(peerRows, opts.accountsPerQuery ?? DEFAULT_ACCOUNTS_PER_QUERY[wh.dialect])) {
    const { sql, params } = aggregateQuery(opts, lo, hi);
    for await (const rows of wh.stream(sql, params, chunkSize)) {
      for (const r of rows) {
        const peer = peers.get(r.account_id);
        if (!peer) throw new Error(`aggregate: account ${String(r.account_id)} is missing from the peer pre-pass`);
        pending.push(toAggregates(r, ctx, peer));
        if (pending.length === chunkSize) {
          yield pending;
          pending = [];
        }
      }
    }
  }
  if (pending.length > 0) yield pending;
}
