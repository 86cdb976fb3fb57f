/**
 * AccountAggregates for every account as of T, computed by the warehouse: one statement per account_id
 * range (sql/query.ts), so the engine's working memory is bounded by the range, not by the warehouse,
 * and every usage row is read by exactly one statement. The peer cohort and the history start need
 * every account, so they are finished in JS once the last range is in (peers.ts).
 */
import type { AccountAggregates } from '../../domain/aggregates';
import { addDays, isValidDay, monthStart, weekday } from '../../domain/dates';
import { PulseError } from '../../errors';
import type { Row, Warehouse } from '../port';
import { daysOfFullRow, daysOfIncrementalRow, fingerprintNow, inputsOf, setDays, type KeptAccount, type KeptFirstDays } from './first-days';
import { peerOf, toAggregates, type MapContext, type RowAggregates } from './map';
import { Params } from './params';
import { peerCohorts } from './peers';
import { buildQuery, type RangeSql } from './sql/query';
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

/** SIGNALS.md v1.1 `history_start` as the config names it, checked before any statement runs. */
function checkHistoryStart(day: string | undefined): void {
  if (day !== undefined && !isValidDay(day)) {
    throw new PulseError('INPUT_INVALID', `history start must be YYYY-MM-DD, got ${day}`, { place: 'warehouse.history_start' });
  }
}

/** A range of the run: after the previous range's last account_id (none for the first), up to its own last (none for the last). */
export type AccountRange = { after: unknown; upTo: unknown } | { ids: readonly unknown[] };

/**
 * The statement for one range and its parameters (the same text for DuckDB and PostgreSQL), exposed
 * for EXPLAIN and profiling. `searchedThrough`: search first days only after that day.
 */
export function aggregateQuery(opts: AggregateOptions, range: AccountRange, searchedThrough?: string): { sql: string; params: unknown[] } {
  checkAsOf(opts.asOf);
  const p = new Params(opts.cteParams);
  const bound = (v: unknown): string | null => (v === null || v === undefined ? null : p.bind(v));
  const rangeSql: RangeSql = 'ids' in range ? { ids: range.ids.map((id) => p.bind(id)) } : { after: bound(range.after), upTo: bound(range.upTo) };
  const sql = buildQuery({ ctes: opts.ctes, present: opts.present, asOf: opts.asOf, months: monthBounds(opts.asOf), meaningful: opts.meaningful, searchedThrough }, p, rangeSql);
  return { sql, params: p.values };
}

/** The accounts under contract by T, in the warehouse's own account_id order: the ranges are cut from them. */
async function accountIds(wh: Warehouse, opts: AggregateOptions): Promise<unknown[]> {
  const p = new Params(opts.cteParams);
  const rows = await wh.all(`with ${opts.ctes} select account_id from m_accounts where contract_start <= ${p.bind(opts.asOf, 'date')} order by account_id`, p.values);
  return rows.map((r) => r.account_id);
}

/** Consecutive ranges of at most `size` accounts covering every account_id, the first and last open-ended. */
function ranges(ids: readonly unknown[], size: number): AccountRange[] {
  const out: AccountRange[] = [];
  const step = Number.isFinite(size) ? Math.max(1, Math.floor(size)) : Math.max(1, ids.length);
  for (let i = 0; i < ids.length; i += step) {
    const last = i + step >= ids.length;
    out.push({ after: i === 0 ? null : ids[i - 1], upTo: last ? null : ids[i + step - 1] });
  }
  return out;
}

/**
 * Yields AccountAggregates in account_id order, `chunkSize` accounts at a time, once the last range is
 * in (the peer cohort needs every account).
 * On PostgreSQL the statements run with nested-loop joins disabled: the validated CTEs are filtered
 * scans whose row estimates collapse to ~1, so the planner otherwise rescans the whole usage table
 * once per account (minutes at 2,000 accounts). Every join
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

/** The rule every kept day depends on besides the account's own row: the meaningful-day config and the models present. */
function ruleOf(opts: AggregateOptions): string {
  return JSON.stringify({ meaningful: opts.meaningful, present: [...opts.present].sort() });
}

/** The kept days this run may build on, or null for a full search (see first-days.ts). */
function usableKept(kept: KeptFirstDays | null, opts: AggregateOptions): KeptFirstDays | null {
  if (kept === null || opts.firstDays?.full === true) return null;
  return kept.rule === ruleOf(opts) && opts.asOf >= kept.searchedThrough ? kept : null;
}

/**
 * A run as of a day before the kept one (a plan or a report of a past day) searched less than is kept
 * under the same rule: the kept days stay, so the next scheduled run searches only its new days.
 */
function keepsLaterDays(stored: KeptFirstDays | null, opts: AggregateOptions): boolean {
  return stored !== null && opts.firstDays?.full !== true && stored.rule === ruleOf(opts) && opts.asOf < stored.searchedThrough;
}

/** What the run needs of each account once the last range is in. */
interface Held {
  aggregates: RowAggregates;
  peer: Row;
}

async function* aggregateChunks(wh: Warehouse, opts: AggregateOptions): AsyncIterable<AccountAggregates[]> {
  checkAsOf(opts.asOf);
  checkHistoryStart(opts.historyStart);
  const keeper = opts.firstDays?.keeper;
  const stored = keeper ? await keeper.load() : null;
  const kept = usableKept(stored, opts);
  const ctx: MapContext = {
    asOf: opts.asOf,
    asOfWeekday: weekday(opts.asOf),
    hasCommitments: opts.present.has('commitments'),
    hasActiveUsers: opts.present.has('active_users_daily'),
    hasOutcomes: opts.present.has('outcomes_daily'),
  };
  const held: Held[] = [];
  const keep = new Map<string, KeptAccount>();
  let firstUsage: string | null = null;
  const ids = await accountIds(wh, opts);
  for (const range of ranges(ids, opts.accountsPerQuery ?? DEFAULT_ACCOUNTS_PER_QUERY[wh.dialect])) {
    const { rows, first } = await readRange(wh, opts, range, kept);
    if (first !== null && (firstUsage === null || first < firstUsage)) firstUsage = first;
    for (const r of rows) {
      keep.set(String(r.account_id), { fingerprint: fingerprintNow(r), inputs: inputsOf(r), days: daysOfFullRow(r) });
      held.push({ aggregates: toAggregates(r, ctx), peer: { account_id: r.account_id, segment: r.segment, contract_start: r.contract_start, s30: r.s30 } });
    }
  }
  const historyStart = opts.historyStart ?? firstUsage;
  const peers = peerCohorts(held.map((h) => h.peer), opts.asOf);
  const chunkSize = opts.chunkSize ?? 1000;
  for (let i = 0; i < held.length; i += chunkSize) {
    yield held.slice(i, i + chunkSize).map((h) => {
      const peer = peers.get(h.peer.account_id);
      if (!peer) throw new Error(`aggregate: account ${String(h.peer.account_id)} is missing from its peer cohort`);
      return { ...h.aggregates, history_start: historyStart, peer: peerOf(peer) };
    });
  }
  if (keeper && !keepsLaterDays(stored, opts)) await keeper.save({ searchedThrough: opts.asOf, rule: ruleOf(opts), accounts: keep });
}

/**
 * One range's rows with their first days set, and the earliest day of usage it covers. With kept days
 * the statement searches only the days after them; accounts it cannot settle are searched in full
 * by a second statement over just those accounts.
 */
async function readRange(wh: Warehouse, opts: AggregateOptions, range: AccountRange, kept: KeptFirstDays | null): Promise<{ rows: Row[]; first: string | null }> {
  const { sql, params } = aggregateQuery(opts, range, kept?.searchedThrough);
  const rows = await wh.all(sql, params);
  const firstDay = rows[0]?.first_usage_day;
  const first = firstDay === null || firstDay === undefined ? null : String(firstDay);
  if (kept === null) return { rows, first };
  const unsettled: unknown[] = [];
  for (const r of rows) {
    const days = daysOfIncrementalRow(r, kept.accounts.get(String(r.account_id)));
    if (days === null) unsettled.push(r.account_id);
    else setDays(r, days);
  }
  if (unsettled.length === 0) return { rows, first };
  const searched = new Map<unknown, Row>();
  for (let i = 0; i < unsettled.length; i += FULL_SEARCH_IDS) {
    const q = aggregateQuery(opts, { ids: unsettled.slice(i, i + FULL_SEARCH_IDS) });
    for (const r of await wh.all(q.sql, q.params)) searched.set(r.account_id, r);
  }
  return { rows: rows.map((r) => searched.get(r.account_id) ?? r), first };
}

/** Accounts per full-search statement of an incremental run (bound parameters, so a list, not a range). */
const FULL_SEARCH_IDS = 1000;
