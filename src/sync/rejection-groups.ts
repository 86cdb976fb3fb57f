/**
 * What `pulse runs show` says about a run's rejections: grouped by reason with counts, root causes
 * before the rows they cascade to, then what the CRM refused. Pure: the state store hands in the rows.
 */
import { MODEL_NAMES, MODELS, type ModelName } from '../domain/contract';
import { splitReasonKey } from '../warehouse/validation/reasons';
import type { ReasonCode } from '../warehouse/validation/types';
import type { Rejection, RejectionKind } from './state';

export interface RejectionGroup {
  title: string;
  /** Rejected rows or records in the group. */
  count: number;
  /** One line per key (a duplicated key or an account's cascaded rows is one line). */
  lines: string[];
}

/** How a group is titled, from the stored reason code and its column: the code decides, never the sentence. */
const LABELS: Record<ReasonCode, (column: string) => string> = {
  rejected_account: () => 'its accounts row was rejected',
  unknown_account: () => 'account_id is not in accounts',
  duplicate_key: () => 'duplicate key',
  period_reversed: () => 'period_end is before period_start',
  null: (c) => `${c} is null`,
  not_finite: (c) => `${c} is not a finite number`,
  not_a_number: (c) => `${c} is not a number`,
  not_an_integer: (c) => `${c} is not an integer`,
  out_of_range: (c) => `${c} is out of range for an integer`,
  bad_date: (c) => `${c} is not a valid date`,
  negative: (c) => `${c} is negative`,
  not_positive: (c) => `${c} must be > 0`,
  below_min: (c) => `${c} is below its minimum`,
  future_date: (c) => `${c} is in the future`,
};

/**
 * Reasons that are consequences of another rejected row: a row whose accounts row was rejected is
 * rejected with it (`rejected_account`). An unknown account has no rejected row to point at, so it is
 * a root cause of its own.
 */
const CASCADING: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['rejected_account']);

/** The group of a stored row rejection: by its reason code; a row stored without one keeps its own sentence. */
export function classifyReason(rejection: Pick<Rejection, 'code' | 'reason'>): { code: ReasonCode | 'other'; label: string } {
  if (rejection.code === undefined || rejection.code === null) return { code: 'other', label: rejection.reason };
  const { code, column } = splitReasonKey(rejection.code);
  const label = Object.hasOwn(LABELS, code) ? LABELS[code](column ?? '') : null;
  return label === null ? { code: 'other', label: rejection.reason } : { code, label };
}

const ROW_KEY = /^(\w+) \[(.*)\]$/s;

/** A key as the admin would type it, with a NULL part (stored empty) shown as `(null)`. */
export function showKey(key: string): string {
  return key
    .split('|')
    .map((part) => (part === '' ? '(null)' : part))
    .join('|');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const times = (n: number) => (n === 2 ? 'twice' : `${n} times`);

interface RowEntry {
  model: ModelName | string;
  key: string;
  reason: string;
}

function rowEntry(r: Rejection): RowEntry {
  const m = ROW_KEY.exec(r.key);
  return m ? { model: m[1] ?? '', key: m[2] ?? '', reason: r.reason } : { model: '', key: r.key, reason: r.reason };
}

/** Entries of equal key and reason collapse into one line with their count (the copies of a duplicated key). */
function countBy<T>(items: readonly T[], keyOf: (item: T) => string): { item: T; n: number }[] {
  const seen = new Map<string, { item: T; n: number }>();
  for (const item of items) {
    const k = keyOf(item);
    const entry = seen.get(k);
    if (entry) entry.n += 1;
    else seen.set(k, { item, n: 1 });
  }
  return [...seen.values()];
}

function rowLines(model: string, code: ReasonCode | 'other', entries: readonly RowEntry[]): string[] {
  if (CASCADING.has(code as ReasonCode)) {
    // One line per account: its rows all fell for the same root cause, listed above.
    return countBy(entries, (e) => e.key.split('|')[0] ?? '').map(({ item, n }) => `${showKey(item.key.split('|')[0] ?? '')}: ${plural(n, 'row')}`);
  }
  return countBy(entries, (e) => `${e.key}\u0000${e.reason}`).map(({ item, n }) => {
    if (code === 'duplicate_key' && model === 'accounts') {
      const both = n === 2 ? 'both rows' : `all ${n} rows`;
      return `account ${showKey(item.key)} appears ${times(n)} in accounts: ${both} rejected, so it is left out of signals`;
    }
    return `${model} [${showKey(item.key)}]: ${item.reason}${n > 1 && code !== 'duplicate_key' ? ` (${n} rows)` : ''}`;
  });
}

const CRM_TITLES: Record<Exclude<RejectionKind, 'row'>, string> = {
  unmatched: 'accounts with no CRM record (unmatched)',
  record: 'records the CRM rejected',
  task: 'tasks the CRM rejected',
  event: 'trigger events the CRM rejected',
};
const CRM_ORDER: readonly Exclude<RejectionKind, 'row'>[] = ['unmatched', 'record', 'task', 'event'];

/**
 * The groups, in reading order: rejected `accounts` rows (each one an account left out of signals),
 * the other models' root causes in model order, the rows that cascade from a rejected accounts row,
 * then the CRM's refusals by kind.
 */
export function groupRejections(rejections: readonly Rejection[]): RejectionGroup[] {
  const rows = new Map<string, { model: string; code: ReasonCode | 'other'; label: string; entries: RowEntry[] }>();
  const crm = new Map<Exclude<RejectionKind, 'row'>, Rejection[]>();
  for (const r of rejections) {
    if (r.kind !== 'row') {
      crm.set(r.kind, [...(crm.get(r.kind) ?? []), r]);
      continue;
    }
    const entry = rowEntry(r);
    const { code, label: reasonLabel } = classifyReason(r);
    // A duplicate is of the model's key: name its columns, as the rejected row's sentence does.
    const isModel = (MODEL_NAMES as readonly string[]).includes(entry.model);
    const label = code === 'duplicate_key' && isModel ? `duplicate key (${MODELS[entry.model as ModelName].key.join(', ')})` : reasonLabel;
    const id = `${entry.model}\u0000${label}`;
    const group = rows.get(id) ?? { model: entry.model, code, label, entries: [] };
    group.entries.push(entry);
    rows.set(id, group);
  }
  const modelIndex = (model: string) => {
    const i = (MODEL_NAMES as readonly string[]).indexOf(model);
    return i < 0 ? MODEL_NAMES.length : i;
  };
  const rank = (g: { model: string; code: ReasonCode | 'other' }) => (CASCADING.has(g.code as ReasonCode) ? 2 : g.model === 'accounts' ? 0 : 1);
  const ordered = [...rows.values()].sort((a, b) => rank(a) - rank(b) || modelIndex(a.model) - modelIndex(b.model));
  const groups: RejectionGroup[] = ordered.map((g) => {
    const n = g.entries.length;
    const lines = rowLines(g.model, g.code, g.entries);
    let title: string;
    if (CASCADING.has(g.code as ReasonCode)) {
      title = `${g.model}: ${plural(n, 'row')} of ${plural(lines.length, 'account')} whose accounts row was rejected (above)`;
    } else if (g.model === 'accounts') {
      title = `accounts: ${g.label}: ${plural(n, 'row')} rejected; these accounts are left out of signals`;
    } else {
      title = `${g.model}: ${g.label}: ${plural(n, 'row')} rejected`;
    }
    return { title, count: n, lines };
  });
  for (const kind of CRM_ORDER) {
    const list = crm.get(kind);
    if (!list) continue;
    groups.push({ title: `${CRM_TITLES[kind]}: ${list.length}`, count: list.length, lines: list.map((r) => `${r.key}: ${r.reason}`) });
  }
  return groups;
}
