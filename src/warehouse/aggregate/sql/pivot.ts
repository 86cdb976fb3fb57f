/**
 * Per-account relations meet in a UNION ALL + GROUP BY account_id ("pivot") rather than in joins.
 * Why: PostgreSQL estimates ~1 row for CTEs over filtered, unanalyzed tables and then joins them in
 * nested loops, O(accounts²), or re-runs an inlined CTE once per account. A grouping has no join
 * order or algorithm to get wrong; both engines hash or sort it in one pass.
 */

/** A pivot column: its name and the SQL type of the NULL the other branches contribute. */
export type PivotColumn = readonly [name: string, type: 'text' | 'date' | 'double precision' | 'integer' | 'bigint'];

export interface PivotBranch {
  /** A relation with one row per account_id (at most), e.g. a CTE name. */
  from: string;
  /** Pivot column name → expression over `from`; columns not listed are NULL in this branch. */
  values: Readonly<Record<string, string>>;
}

/**
 * One row per account of the first branch (the spine: accounts of another branch alone are dropped),
 * each column taken from the one branch that defines it. `max` of one non-NULL value and NULLs is that value.
 */
export function pivot(columns: readonly PivotColumn[], spine: PivotBranch, others: readonly PivotBranch[]): string {
  const branch = (b: PivotBranch, isSpine: boolean): string => {
    const cols = columns.map(([name, type]) => `${b.values[name] ?? `cast(null as ${type})`} as ${name}`);
    return `select account_id, ${cols.join(', ')}, ${isSpine ? 1 : 0} as in_spine from ${b.from}`;
  };
  const unknown = [spine, ...others].flatMap((b) => Object.keys(b.values)).filter((k) => !columns.some(([n]) => n === k));
  if (unknown.length > 0) throw new Error(`pivot: columns not declared: ${unknown.join(', ')}`);
  return `select account_id, ${columns.map(([name]) => `max(${name}) as ${name}`).join(', ')}
    from (${[branch(spine, true), ...others.map((b) => branch(b, false))].join('\n      union all ')}) pv
    group by account_id
    having max(in_spine) = 1`;
}

/** `{ c: 'c', ... }`: a branch that gives these columns under their own names. */
export function same(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, n]));
}
