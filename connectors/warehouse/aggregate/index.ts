/**
 * AccountAggregates for every account as of T, computed by the warehouse in one statement and
 * streamed in chunks of accounts (see sql/query.ts for the plan and why each part exists).
 */
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { PulseError } from '../../../src/errors';
import type { Warehouse } from '../types';
import { toAggregates } from './map';
import { Params } from './params';
import { buildQuery } from './sql/query';
import type { AggregateOptions } from './types';

export type { AggregateOptions, MeaningfulConfig, MeaningfulRule } from './types';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first of T's month and of the month before, as `YYYY-MM-DD` (UTC calendar). */
export function monthBounds(asOf: string): { monthStart: string; lastMonthStart: string } {
  const d = new Date(`${asOf}T00:00:00Z`);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return { monthStart: first.toISOString().slice(0, 10), lastMonthStart: prev.toISOString().slice(0, 10) };
}

/** The statement and its parameters (the same text for DuckDB and PostgreSQL), exposed for EXPLAIN and profiling. */
export function aggregateQuery(opts: AggregateOptions): { sql: string; params: unknown[] } {
  if (!ISO_DAY.test(opts.asOf) || Number.isNaN(Date.parse(`${opts.asOf}T00:00:00Z`))) {
    throw new PulseError('INPUT_INVALID', `as-of day must be YYYY-MM-DD, got ${opts.asOf}`, { place: 'asOf' });
  }
  const p = new Params(opts.cteParams);
  const sql = buildQuery({ ctes: opts.ctes, present: opts.present, asOf: opts.asOf, months: monthBounds(opts.asOf), meaningful: opts.meaningful }, p);
  return { sql, params: p.values };
}

/** Streams AccountAggregates in account_id order, `chunkSize` accounts at a time. */
export async function* streamAggregates(wh: Warehouse, opts: AggregateOptions): AsyncIterable<AccountAggregates[]> {
  const { sql, params } = aggregateQuery(opts);
  const ctx = {
    asOf: opts.asOf,
    asOfWeekday: new Date(`${opts.asOf}T00:00:00Z`).getUTCDay(),
    hasCommitments: opts.present.has('commitments'),
    hasActiveUsers: opts.present.has('active_users_daily'),
    hasOutcomes: opts.present.has('outcomes_daily'),
  };
  for await (const rows of wh.stream(sql, params, opts.chunkSize ?? 1000)) {
    yield rows.map((r) => toAggregates(r, ctx));
  }
}
