/**
 * The peer pre-pass: the peer cohort (same segment, same tenure band) needs every account's spend_30d
 * before any account's row can be finished, so it is its own statement over ALL accounts, reading only
 * the last 30 days of usage. Its rows (one per account, in account_id order) also give the main
 * statement its account ranges. Spend is the exact integer spend_30d, so ties are true ties in both
 * engines; a null segment is a cohort of its own.
 * Percentiles: the two order statistics around q × (N − 1) come from SQL; JS interpolates between
 * them (percentile_cont's linear rule) so both engines give the same float.
 */
import { exactMoney } from '../dialect';
import type { Params } from '../params';
import { pivot } from './pivot';

export function peerQuery(ctes: string, p: Params, asOf: string): string {
  const t = p.bind(asOf, 'date');
  const q = (name: string, share: string): string =>
    `max(s30) filter (where pos = floor(${share} * (cohort_size - 1))) as ${name}_lo,
      max(s30) filter (where pos = ceil(${share} * (cohort_size - 1))) as ${name}_hi`;
  const spend = pivot(
    [['segment', 'text'], ['band', 'integer'], ['s30', 'double precision']],
    {
      from: `m_accounts where contract_start <= ${t}`,
      values: {
        segment: 'cast(segment as text)',
        // Tenure bands: 0-90, 91-365, > 365 days.
        band: `case when ${t} - contract_start <= 90 then 0 when ${t} - contract_start <= 365 then 1 else 2 end`,
      },
    },
    [{ from: `(select account_id, sum(${exactMoney('cost_usd')}) as s30 from m_usage_daily where day between ${t} - 29 and ${t} group by account_id) s`, values: { s30: 's30' } }],
  );
  return `with ${ctes},
  peer_rank as materialized (
    select account_id, segment, band, s30,
      count(*) over (partition by segment, band) as cohort_size,
      rank() over (partition by segment, band order by s30) - 1 as lower_n,
      count(*) over (partition by segment, band, s30) - 1 as equal_n,
      row_number() over (partition by segment, band order by s30) - 1 as pos
    from (select account_id, segment, band, coalesce(s30, 0) as s30 from (${spend}) sp) x
  ),
  peer_q as materialized (
    select segment, band,
      ${q('p25', '0.25')},
      ${q('p75', '0.75')}
    from peer_rank
    group by segment, band
  )
select r.account_id, r.cohort_size, r.lower_n, r.equal_n, q.p25_lo, q.p25_hi, q.p75_lo, q.p75_hi
from peer_rank r join peer_q q on q.segment is not distinct from r.segment and q.band = r.band
order by r.account_id`;
}
