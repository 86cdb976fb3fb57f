/**
 * The per-range statement: one row per account of an account_id range, in account_id order, every
 * aggregate but the peer cohort (computed in JS from these rows' spend_30d, peers.ts) computed in SQL.
 * Two ways to find the first days: `full` searches the whole history (days.ts); `incremental` only the
 * days after the day kept facts were searched through (recent-days.ts).
 */
import type { ModelName } from '../../../domain/contract';
import type { Params } from '../params';
import type { MeaningfulConfig } from '../types';
import { ACCOUNT_PIVOT, accountCtes } from './accounts';
import { dayCtes } from './days';
import { activeUserCtes, outcomeCtes } from './optional';
import { pivot, same, type PivotColumn } from './pivot';
import { recentDayCtes } from './recent-days';
import { usageCtes, type MonthBounds } from './usage';

export interface QueryInput {
  ctes: string;
  present: ReadonlySet<ModelName>;
  asOf: string;
  months: { monthStart: string; lastMonthStart: string };
  meaningful: MeaningfulConfig;
  /** The day kept first days were searched through: search only the days after it. Absent: a full search. */
  searchedThrough?: string;
}

/**
 * Which accounts a statement reads, as placeholders: consecutive ranges that together cover every
 * account_id (the first without a lower bound, the last without an upper one), so every usage row is
 * read by exactly one statement, or a list of accounts (a full search of a few).
 */
export type RangeSql = { after: string | null; upTo: string | null } | { ids: readonly string[] };

function rangeCondition(range: RangeSql): (col: string) => string {
  if ('ids' in range) return (col) => `${col} in (${range.ids.join(', ')})`;
  const parts = (col: string) => [range.after === null ? null : `${col} > ${range.after}`, range.upTo === null ? null : `${col} <= ${range.upTo}`];
  return (col) => parts(col).filter((c) => c !== null).join(' and ') || 'true';
}

const MONEY_SUMS = [
  's30', 'sd', 'sp30', 'u30', 'up30', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8',
  'kd0', 'kd1', 'kd2', 'kd3', 'kd4', 'kd5', 'kd6', 'mtd', 'lastm', 'consumed',
  'r0', 'r1', 'nrr_base', 'nrr_intensity', 'nrr_team', 'nrr_use_case',
];
const COUNTS = ['use_cases_30d', 'teams_30d', 'new_use_cases_90d', 'new_teams_90d'];
/** The fingerprint of the rows through T, kept with the first days (see recent-days.ts). */
const FINGERPRINT = ['fp_n', 'fp_x', 'fp_u'];
const OUTCOME_FINGERPRINT = ['fpo_n', 'fpo_v'];
const RECENT = ['new_n', 'new_x', 'new_u', 'new_on', 'new_ov'];
const RECENT_DAYS = ['fm_new', 'target_new', 'reached_new', 'roi_new'];

/** Every output column, by the relation that holds it. */
function resultPivot(has: (m: ModelName) => boolean, incremental: boolean): string {
  const accountCols = [...ACCOUNT_PIVOT.map(([n]) => n), 'period_start', 'period_end', 'committed_usd'];
  const columns: PivotColumn[] = [
    ...ACCOUNT_PIVOT,
    ['period_start', 'date'], ['period_end', 'date'], ['committed_usd', 'double precision'],
    ...MONEY_SUMS.map((c): PivotColumn => [c, 'double precision']),
    ...COUNTS.map((c): PivotColumn => [c, 'bigint']),
    ['big_day', 'date'], ...FINGERPRINT.map((c): PivotColumn => [c, 'double precision']),
    ...(incremental
      ? [...RECENT.map((c): PivotColumn => [c, 'double precision']), ...RECENT_DAYS.map((c): PivotColumn => [c, 'date'])]
      : (['fm_day', 'target_day', 'reached_day', 'roi_day'] as const).map((c): PivotColumn => [c, 'date'])),
    ...(has('active_users_daily') ? [['dau_sum_28d', 'bigint'], ['mau_at_t', 'integer']] as PivotColumn[] : []),
    ...(has('outcomes_daily') ? [['count_30d', 'double precision'], ['value_30d', 'double precision'], ['count_prev_30d', 'double precision'], ...OUTCOME_FINGERPRINT.map((c): PivotColumn => [c, 'double precision'])] as PivotColumn[] : []),
  ];
  return pivot(columns, { from: 'acct', values: same(accountCols) }, [
    { from: 'acc_usage', values: same([...MONEY_SUMS, ...COUNTS, 'big_day', ...FINGERPRINT]) },
    incremental ? { from: 'recent_facts', values: same([...RECENT, ...RECENT_DAYS]) } : { from: 'day_facts', values: same(['fm_day', 'target_day', 'reached_day', 'roi_day']) },
    ...(has('active_users_daily') ? [{ from: 'au', values: same(['dau_sum_28d', 'mau_at_t']) }] : []),
    ...(has('outcomes_daily') ? [{ from: 'out_agg', values: same(['count_30d', 'value_30d', 'count_prev_30d', ...OUTCOME_FINGERPRINT]) }] : []),
  ]);
}

/**
 * One row per account of `range`, in account_id order, and in every row `first_usage_day`: the
 * earliest day of valid usage up to T over every account_id the range covers (accounts not yet
 * under contract included), from which the run takes SIGNALS.md's history_start.
 */
export function buildQuery(input: QueryInput, p: Params, range: RangeSql): string {
  const t = p.bind(input.asOf, 'date');
  const months: MonthBounds = { monthStart: p.bind(input.months.monthStart, 'date'), lastMonthStart: p.bind(input.months.lastMonthStart, 'date') };
  const inRange = rangeCondition(range);
  const has = (m: ModelName): boolean => input.present.has(m);
  const incremental = input.searchedThrough !== undefined;
  const ctes = [
    input.ctes,
    accountCtes(t, input.meaningful, p, has('commitments'), inRange),
    usageCtes(t, months, inRange),
    ...(has('outcomes_daily') ? [outcomeCtes(t, inRange)] : []),
    ...(has('active_users_daily') ? [activeUserCtes(t, inRange)] : []),
    incremental ? recentDayCtes(t, p.bind(input.searchedThrough, 'date'), has('outcomes_daily')) : dayCtes(t, has('outcomes_daily')),
  ];
  const zero = (c: string): string => `coalesce(r.${c}, 0) as ${c}`;
  const select = [
    'r.account_id',
    ...[...ACCOUNT_PIVOT.map(([n]) => n), 'period_start', 'period_end', 'committed_usd', ...MONEY_SUMS, ...COUNTS, 'big_day', ...FINGERPRINT].map((c) => `r.${c}`),
    ...(incremental ? [...RECENT, ...RECENT_DAYS].map((c) => `r.${c}`) : ['least(r.fm_day, r.big_day) as first_meaningful_day', 'r.target_day as first_target_day', 'r.reached_day']),
    ...(has('active_users_daily') ? [zero('dau_sum_28d'), 'r.mau_at_t'] : []),
    ...(has('outcomes_daily') ? [...['count_30d', 'value_30d', 'count_prev_30d'].map(zero), ...OUTCOME_FINGERPRINT.map((c) => `r.${c}`), ...(incremental ? [] : ['r.roi_day'])] : []),
    `(select min(day) from usage_src where day <= ${t}) as first_usage_day`,
  ];
  return `with ${ctes.join(',\n  ')}
select ${select.join(', ')}
from (${resultPivot(has, incremental)}) r
order by r.account_id`;
}
