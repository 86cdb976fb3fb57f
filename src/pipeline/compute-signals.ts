import { performance } from 'node:perf_hooks';
import { streamAggregates } from '../warehouse/aggregate';
import type { Warehouse } from '../warehouse/port';
import { cleanModelCtes, validateWarehouse, type ValidationKeeper, type ValidationReport } from '../warehouse/validation';
import type { FirstDayKeeper } from '../warehouse/aggregate/first-days';
import type { PulseConfig } from '../config/config';
import { thresholdsFor } from '../config/thresholds';
import type { CommitmentAggregates, NrrAggregates } from '../domain/aggregates';
import type { AccountRow } from '../domain/contract';
import type { Signals } from '../domain/signals';
import { computeSignals } from '../signals';

/** Where a run's time went, for the benchmark and the run report. */
export interface ComputeTimings {
  validationMs: number;
  /** Waiting on the warehouse for aggregate chunks. */
  warehouseMs: number;
  /** The pure TypeScript signal functions. */
  typescriptMs: number;
  accounts: number;
}

export interface ComputeOptions {
  asOf: string;
  /** Today, UTC: rows dated later are rejected as future. */
  today: string;
  chunkSize?: number;
  timings?: ComputeTimings;
  /** What runs keep for the next one; absent, every row is validated and the whole history searched. */
  kept?: KeptFacts;
}

/**
 * Where a run finds and keeps what never changes once found: first days (src/warehouse/aggregate/first-days.ts)
 * and the validation reports of the rows through a past day (src/warehouse/validation/kept-report.ts).
 * `full` ignores what is kept (it is kept afresh).
 */
export interface KeptFacts {
  firstDays: FirstDayKeeper;
  reports: ValidationKeeper;
  full: boolean;
}

/** An account's signals beside its warehouse row: the CRM ids and owner travel with them. */
export interface ComputedAccount {
  account: AccountRow;
  signals: Signals;
  /** The NRR cell sums, so a portfolio NRR sums cells rather than averaging ratios. */
  nrr: NrrAggregates;
  /** Spend on the as-of day itself (the history's daily series). */
  spend_day: number;
  /** The commitment whose period contains the as-of day; null without one. */
  commitment: CommitmentTerms | null;
}

/** A commitment's terms, without what was consumed of it. */
export type CommitmentTerms = Pick<CommitmentAggregates, 'period_start' | 'period_end' | 'committed_usd'>;

/**
 * What the computation reads from the config: the thresholds and, when set, `warehouse.history_start`
 * (SIGNALS.md v1.1). Typed structurally so a caller can hand in the whole PulseConfig or just these.
 */
export type ComputeConfig = Pick<PulseConfig, 'thresholds'> & { warehouse?: { historyStart?: string } };

export function newTimings(): ComputeTimings {
  return { validationMs: 0, warehouseMs: 0, typescriptMs: 0, accounts: 0 };
}

/**
 * Read → validate → aggregate (in the warehouse) → compute (pure), chunk by chunk. The
 * validation report is ready before the first chunk, so a caller can show rejected rows first.
 */
export async function computeSignalsStream(
  wh: Warehouse,
  config: ComputeConfig,
  options: ComputeOptions,
): Promise<{ report: ValidationReport; chunks: AsyncIterable<ComputedAccount[]> }> {
  const timings = options.timings ?? newTimings();
  let t = performance.now();
  const { kept } = options;
  const report = await validateWarehouse(wh, { today: options.today, kept: kept && { keeper: kept.reports, full: kept.full } });
  const { sql, present } = await cleanModelCtes(wh, report);
  timings.validationMs += performance.now() - t;

  const meaningfulFor = (segment: string | null) => {
    const tv = thresholdsFor(segment, config.thresholds).time_to_value;
    return { units_min: tv.meaningful_units_min, target_share: tv.meaningful_target_share };
  };
  const segments = Object.fromEntries(Object.keys(config.thresholds.segments).map((s) => [s, meaningfulFor(s)]));
  const aggregates = streamAggregates(wh, {
    ctes: sql,
    present,
    asOf: options.asOf,
    meaningful: { default: meaningfulFor(null), segments },
    historyStart: config.warehouse?.historyStart,
    chunkSize: options.chunkSize,
    firstDays: kept && { keeper: kept.firstDays, full: kept.full },
  });

  async function* chunks(): AsyncIterable<ComputedAccount[]> {
    const iterator = aggregates[Symbol.asyncIterator]();
    for (;;) {
      t = performance.now();
      const next = await iterator.next();
      timings.warehouseMs += performance.now() - t;
      if (next.done) return;
      t = performance.now();
      const computed = next.value.map((agg): ComputedAccount => ({
        account: agg.account,
        nrr: agg.nrr,
        signals: computeSignals(agg, thresholdsFor(agg.account.segment, config.thresholds)),
        spend_day: agg.spend_day,
        commitment: agg.commitment === null ? null : { period_start: agg.commitment.period_start, period_end: agg.commitment.period_end, committed_usd: agg.commitment.committed_usd },
      }));
      timings.typescriptMs += performance.now() - t;
      timings.accounts += computed.length;
      yield computed;
    }
  }
  return { report, chunks: chunks() };
}

/** Every account's signals in memory: for commands whose output is small (reports, previews, tests). */
export async function computeAllSignals(wh: Warehouse, config: ComputeConfig, options: ComputeOptions) {
  const { report, chunks } = await computeSignalsStream(wh, config, options);
  const accounts: ComputedAccount[] = [];
  for await (const chunk of chunks) accounts.push(...chunk);
  return { report, accounts };
}
