/** The accounts list's query string: filters, sort and page, checked, and the links that keep them. */
import { z } from 'zod';
import { COVERAGES, EXPANSION_SIGNALS, HEALTH_TIERS } from '../domain/signals';
import { SNAPSHOT_SORT_KEYS, type SnapshotSortKey } from '../sync/state';

export const PAGE_SIZE = 50;

/** A select left at "any" submits an empty value: that is no filter, not an invalid one. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const accountsQuerySchema = z
  .object({
    installation: optional(z.string().max(200)),
    tier: optional(z.enum(HEALTH_TIERS as [string, ...string[]])),
    expansion: optional(z.enum(EXPANSION_SIGNALS as [string, ...string[]])),
    coverage: optional(z.enum(COVERAGES as [string, ...string[]])),
    segment: optional(z.string().max(200)),
    sort: optional(z.enum(SNAPSHOT_SORT_KEYS)),
    dir: optional(z.enum(['asc', 'desc'])),
    page: optional(z.coerce.number().int().min(1).max(100_000)),
  })
  .strict();

export interface AccountsQuery {
  installation?: string;
  tier?: string;
  expansion?: string;
  coverage?: string;
  segment?: string;
  sort: SnapshotSortKey;
  dir: 'asc' | 'desc';
  page: number;
}

/** Lowest health first: the accounts that need someone come first. */
export const DEFAULT_SORT: Pick<AccountsQuery, 'sort' | 'dir'> = { sort: 'health_score', dir: 'asc' };

export function parseAccountsQuery(query: unknown): { ok: true; query: AccountsQuery } | { ok: false; problems: string[] } {
  const parsed = accountsQuerySchema.safeParse(query);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`) };
  const d = parsed.data;
  return { ok: true, query: { ...d, sort: d.sort ?? DEFAULT_SORT.sort, dir: d.dir ?? (d.sort === undefined ? DEFAULT_SORT.dir : 'asc'), page: d.page ?? 1 } };
}

/** The list's address with `changes` applied; defaults are left out so a shared link stays short. */
export function accountsHref(query: AccountsQuery, changes: Partial<AccountsQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of ['installation', 'tier', 'expansion', 'coverage', 'segment'] as const) {
    const value = q[key];
    if (value !== undefined) params.set(key, value);
  }
  if (q.sort !== DEFAULT_SORT.sort || q.dir !== DEFAULT_SORT.dir) {
    params.set('sort', q.sort);
    params.set('dir', q.dir);
  }
  if (q.page > 1) params.set('page', String(q.page));
  const text = params.toString();
  return text === '' ? '/console/accounts' : `/console/accounts?${text}`;
}
