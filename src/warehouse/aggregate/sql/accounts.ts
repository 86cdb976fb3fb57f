/**
 * The account spine: every account of the range whose contract has started by T, with what the usage
 * scan needs per row (meaningful-day threshold, the commitment containing T).
 */
import { exactMoney } from '../dialect';
import { numberLiteral, type Params } from '../params';
import type { MeaningfulConfig } from '../types';
import { pivot, type PivotColumn } from './pivot';

/** The meaningful-day threshold per account: config may differ per segment, so it is a CASE on segment. */
function meaningfulThreshold(m: MeaningfulConfig, p: Params): string {
  const pick = (field: 'units_min' | 'target_share'): string => {
    const segs = Object.entries(m.segments);
    if (segs.length === 0) return numberLiteral(m.default[field]);
    const whens = segs.map(([seg, v]) => `when ${p.bind(seg, 'text')} then ${numberLiteral(v[field])}`).join(' ');
    return `(case a.segment ${whens} else ${numberLiteral(m.default[field])} end)`;
  };
  return `greatest(${pick('units_min')}, ${pick('target_share')} * coalesce(a.target_daily_units, 0))`;
}

/** The accounts model's columns as the pivot carries them (text columns cast, so every branch's NULL has a type). */
export const ACCOUNT_PIVOT: readonly PivotColumn[] = [
  ['name', 'text'], ['domain', 'text'], ['segment', 'text'], ['industry', 'text'], ['contract_start', 'date'],
  ['licensed_users', 'integer'], ['monthly_budget_usd', 'double precision'], ['target_daily_units', 'double precision'],
  ['outcome_target_monthly', 'double precision'], ['owner_email', 'text'], ['hubspot_company_id', 'text'],
  ['salesforce_account_id', 'text'],
];

const COMMIT_PIVOT: readonly PivotColumn[] = [['period_start', 'date'], ['period_end', 'date'], ['committed_usd', 'double precision']];

const TEXT_COLUMNS = new Set(ACCOUNT_PIVOT.filter(([, type]) => type === 'text').map(([name]) => name));

/**
 * `acct`: one row per account. Accounts whose contract_start is after T are left out: as of T they are
 * not customers yet, and replaying a past T must not show them.
 * `commit_t`: the commitment whose period contains T; with several, the latest period_start.
 * `inRange(col)`: the account-range condition of this statement.
 */
export function accountCtes(t: string, m: MeaningfulConfig, p: Params, hasCommitments: boolean, inRange: (col: string) => string): string {
  const commitment = hasCommitments
    ? `commit_t as (
    select account_id, period_start, period_end, committed_usd
    from (select c.*, row_number() over (partition by c.account_id order by c.period_start desc) as rn
          from m_commitments c where c.period_start <= ${t} and c.period_end >= ${t} and ${inRange('c.account_id')}) ranked
    where rn = 1
  ),`
    : '';
  const accountValues = Object.fromEntries(
    ACCOUNT_PIVOT.map(([name]) => [name, TEXT_COLUMNS.has(name) ? `cast(${name} as text)` : name]),
  );
  const spine = pivot(
    [...ACCOUNT_PIVOT, ...COMMIT_PIVOT],
    { from: `m_accounts where contract_start <= ${t} and ${inRange('account_id')}`, values: accountValues },
    hasCommitments ? [{ from: 'commit_t', values: { period_start: 'period_start', period_end: 'period_end', committed_usd: 'committed_usd' } }] : [],
  );
  return `${commitment}
  acct as materialized (
    select a.*,
           ${meaningfulThreshold(m, p)} as meaningful_min,
           ${exactMoney('a.committed_usd')} as committed_x
    from (${spine}) a
  )`;
}
