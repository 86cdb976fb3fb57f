/**
 * `pulse history backfill`: the signal history of past days, computed from the warehouse as a sync
 * would have computed it, recorded in the state store and written to no CRM. Days go oldest first,
 * so each day's 7-day change reads the day recorded before it. Re-running replaces the same rows.
 */
import { addDays } from '../domain/dates';
import { computeSignalsStream, type ComputeConfig } from '../pipeline/compute-signals';
import type { Warehouse } from '../warehouse/port';
import { buildSnapshot } from './snapshot';
import { backfillScope, type StateStore } from './state';

export interface BackfillDeps {
  config: ComputeConfig;
  warehouse: Warehouse;
  store: Pick<StateStore, 'historyOn' | 'recordHistory' | 'firstDays' | 'validationReports'>;
}

export interface BackfillRequest {
  installationId: number;
  /** The last day recorded (`YYYY-MM-DD`). */
  asOf: string;
  /** How many days, ending on `asOf`. */
  days: number;
  /** Today (UTC): warehouse rows dated later are rejected as future. */
  today: string;
  /** Accounts per warehouse read. @defaultValue the aggregate reader's */
  chunkSize?: number;
  /** Called after each day is recorded. */
  onDay?: (day: { asOf: string; accounts: number; rowsRejected: number }) => void;
}

/** The days from asOf − days + 1 to asOf, oldest first. */
export function backfillDays(asOf: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(asOf, i - days + 1));
}

/** Records every account's snapshot for each day; returns the snapshots recorded in all. */
export async function backfillHistory(deps: BackfillDeps, request: BackfillRequest): Promise<{ days: number; snapshots: number }> {
  const { config, warehouse, store } = deps;
  let total = 0;
  const days = backfillDays(request.asOf, request.days);
  // Its own scope, as the syncs' kept days are usually later than the days walked here. The first day
  // searches the whole history (a run of an earlier backfill may have kept later days); each next day
  // searches only its own day, and validates nothing again unless the rows changed meanwhile.
  const scope = backfillScope(request.installationId);
  const [firstDays, reports] = [store.firstDays(scope), store.validationReports(scope)];
  for (const [i, day] of days.entries()) {
    const kept = { firstDays, reports, full: i === 0 };
    const { report, chunks } = await computeSignalsStream(warehouse, config, { asOf: day, today: request.today, chunkSize: request.chunkSize, kept });
    let accounts = 0;
    for await (const chunk of chunks) {
      const weekAgo = await store.historyOn(request.installationId, chunk.map((c) => c.account.account_id), addDays(day, -7));
      const snapshots = chunk.map((c) => buildSnapshot(c, config.thresholds, weekAgo.get(c.account.account_id) ?? null));
      await store.recordHistory(request.installationId, snapshots);
      accounts += snapshots.length;
    }
    total += accounts;
    request.onDay?.({ asOf: day, accounts, rowsRejected: report.rejected.length });
  }
  return { days: days.length, snapshots: total };
}
