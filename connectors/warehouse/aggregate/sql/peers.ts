/**
 * The peer cohort (same segment, same tenure band) over ALL accounts, on the exact integer spend_30d,
 * so ties are true ties in both engines. A null segment is a cohort of its own.
 * Percentiles: the two order statistics around q × (N − 1) come from SQL; JS interpolates between
 * them (percentile_cont's linear rule) so both engines give the same float.
 */
export function peerCtes(): string {
  const q = (name: string, share: string): string =>
    `max(s30) filter (where pos = floor(${share} * (cohort_size - 1))) as ${name}_lo,
      max(s30) filter (where pos = ceil(${share} * (cohort_size - 1))) as ${name}_hi`;
  return `peer_rank as materialized (
    select a.account_id, a.segment, a.band, coalesce(u.s30, 0) as s30,
      count(*) over (partition by a.segment, a.band) as cohort_size,
      rank() over (partition by a.segment, a.band order by coalesce(u.s30, 0)) - 1 as lower_n,
      count(*) over (partition by a.segment, a.band, coalesce(u.s30, 0)) - 1 as equal_n,
      row_number() over (partition by a.segment, a.band order by coalesce(u.s30, 0)) - 1 as pos
    from acct a left join acc_usage u on u.account_id = a.account_id
  ),
  peer_q as (
    select segment, band,
      ${q('p25', '0.25')},
      ${q('p75', '0.75')}
    from peer_rank
    group by segment, band
  )`;
}
