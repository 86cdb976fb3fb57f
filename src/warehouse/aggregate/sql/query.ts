/**
 * The per-range statement: one row per account of an account_id range, in account_id order, every
 * aggregate but the peer cohort (sql/peers.ts, a pre-pass over all accounts) computed in SQL.
 */
import type { ModelName } from '../../../domain/contract';
import type { Params } from '../params';
import type { MeaningfulConfig } from '../types';
import { ACCOUNT_PIVOT, accountCtes } from './accounts';
import { dayCtes } from './days';
import { activeUserCtes, outcomeCtes } from './optional';
import { pivot, same, type PivotColumn } from './pivot';
import { usageCtes, type MonthBounds } from './usage';

export interface QueryInput {
  ctes: string;
  present: ReadonlySet<ModelName>;
  asOf: string;
  months: { monthStart: string; lastMonthStart: string };
  meaningful: MeaningfulConfig;
}

const MONEY_SUMS = [
  's30', 'sd', 'sp30', 'u30', 'up30', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8',
  'kd0', 'kd1', 'kd2', 'kd3', 'kd4', 'kd5', 'kd6', 'mtd', 'lastm', 'consumed',
  'r0', 'r1', 'nrr_base', 'nrr_intensity', 'nrr_team', 'nrr_use_case',
];
const COUNTS = ['use_cases_30d', 'teams_30d', 'new_use_cases_90d', 'new_teams_90d'];

/** Every output column but the computed first_meaningful_day, by the relation that holds it. */
function resultPivot(has: (m: ModelName) => boolean): string {
  const accountCols = [...ACCOUNT_PIVOT.map(([n]) => n), 'period_start', 'period_end', 'committed_usd'];
  const columns: PivotColumn[] = [
    ...ACCOUNT_PIVOT,
    ['period_start', 'date'], ['period_end', 'date'], ['committed_usd', 'double precision'],
    ...MONEY_SUMS.map((c): PivotColumn => [c, 'double precision']),
    ...COUNTS.map((c): PivotColumn => [c, 'bigint']),
    ['big_day', 'date'], ['fm_day', 'date'], ['target_day', 'date'], ['reached_day', 'date'], ['roi_day', 'date'],
    ...(has('active_users_daily') ? [['dau_sum_28d', 'bigint'], ['mau_at_t', 'integer']] as PivotColumn[] : []),
    ...(has('outcomes_daily') ? [['count_30d', 'double precision'], ['value_30d', 'double precision'], ['count_prev_30d', 'double precision']] as PivotColumn[] : []),
  ];
  return pivot(columns, { from: 'acct', values: same(accountCols) }, [
    { from: 'acc_usage', values: same([...MONEY_SUMS, ...COUNTS, 'big_day']) },
    { from: 'day_facts', values: same(['fm_day', 'target_day', 'reached_day', 'roi_day']) },
    ...(has('active_users_daily') ? [{ from: 'au', values: same(['dau_sum_28d', 'mau_at_t']) }] : []),
    ...(has('outcomes_daily') ? [{ from: 'out_agg', values: same(['count_30d', 'value_30d', 'count_prev_30d']) }] : []),
  ]);
}

/** `range`: the placeholders of the first and last account_id of this statement's range. */
export function buildQuery(input: QueryInput, p: Params, range: { lo: string; hi: string }): string {
  const t = p.bind(input.asOf, 'date');
  const months: MonthBounds = { monthStart: p.bind(input.months.monthStart, 'date'), lastMonthStart: p.bind(input.months.lastMonthStart, 'date') };
  const inRange = (col: string): string => `${col} between ${range.lo} and ${range.hi}`;
  const has = (m: ModelName): boolean => input.present.has(m);
  const ctes = [
    input.ctes,
    accountCtes(t, input.meaningful, p, has('commitments'), inRange),
    usageCtes(t, months, inRange),
    ...(has('outcomes_daily') ? [outcomeCtes(t, inRange)] : []),
    ...(has('active_users_daily') ? [activeUserCtes(t, inRange)] : []),
    dayCtes(t, has('outcomes_daily')),
  ];
  const zero = (c: string): string => `coalesce(r.${c}, 0) as ${c}`;
  const select = [
    'r.account_id',
    ...[...ACCOUNT_PIVOT.map(([n]) => n), 'period_start', 'period_end', 'committed_usd', ...MONEY_SUMS, ...COUNTS].map((c) => `r.${c}`),
    'least(r.fm_day, r.big_day) as first_meaningful_day', 'r.target_day as first_target_day', 'r.reached_day',
    ...(has('active_users_daily') ? [zero('dau_sum_28d'), 'r.mau_at_t'] : []),
    ...(has('outcomes_daily') ? [...['count_30d', 'value_30d', 'count_prev_30d'].map(zero), 'r.roi_day'] : []),
  ];
  return `with ${ctes.join(',\n  ')}
select ${select.join(', ')}
from (${resultPivot(has)}) r
order by r.account_id`;
}
