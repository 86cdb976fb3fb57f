import type { ModelName } from '../../domain/contract';
import type { FirstDayKeeper } from './first-days';

export interface MeaningfulRule {
  units_min: number;
  target_share: number;
}

/** max(units_min, target_share × target_daily_units) makes a day meaningful; both may differ per segment. */
export interface MeaningfulConfig {
  default: MeaningfulRule;
  segments: Record<string, MeaningfulRule>;
}

export interface AggregateOptions {
  /**
   * CTE definitions without the leading WITH, defining m_accounts, m_usage_daily and, when present,
   * m_active_users_daily, m_commitments, m_outcomes_daily with the contract's column names and types,
   * valid rows only. The query reads m_usage_daily in two places (a full scan and a narrow per-day
   * scan) and filters both by the statement's account range: DuckDB pushes that filter into a
   * materialized CTE, and PostgreSQL reads it through a `not materialized` CTE of ours.
   */
  ctes: string;
  /** Parameters the CTEs reference as $1..$n; the aggregate query numbers its own after them. @defaultValue [] */
  cteParams?: readonly unknown[];
  /** Which optional models exist; an absent one makes its aggregates field null. */
  present: ReadonlySet<ModelName>;
  /** T, `YYYY-MM-DD`. */
  asOf: string;
  meaningful: MeaningfulConfig;
  /**
   * SIGNALS.md v1.1 `history_start` as the config gives it (`warehouse.history_start`), `YYYY-MM-DD`.
   * @defaultValue the earliest day of valid usage dated ≤ T over all accounts (sql/history.ts)
   */
  historyStart?: string;
  /**
   * Where first days are kept between runs (first-days.ts); without it every run searches the whole
   * history. `full`: search the whole history anyway (and keep what it finds).
   */
  firstDays?: { keeper: FirstDayKeeper; full?: boolean };
  /** Accounts per yielded chunk. @defaultValue 1000 */
  chunkSize?: number;
  /**
   * Accounts per aggregate statement. Each statement reads only its account_id range, so the engine's
   * memory is bounded by it: DuckDB skips the other row groups by their min/max (zone maps), but
   * PostgreSQL has no such skip on an unindexed table and would scan the whole model per statement.
   * @defaultValue 1000 on DuckDB (`npm run bench:signals` prints the peak RSS), all accounts in one statement on PostgreSQL
   */
  accountsPerQuery?: number;
}
