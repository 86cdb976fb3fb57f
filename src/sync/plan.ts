/**
 * The plan, pure: computed accounts + their firings + what the store says was written → for each
 * account the field changes, tasks and triggers. A dry run prints it; a run executes the same object.
 *
 * Decisions:
 * - Diff on the CRM-formatted values (`connector.formatFields`), so a change that rounds away is no change.
 * - `last_synced_at` is never diffed: it is added to a write only when some other field changed,
 *   otherwise every account would change on every run and an unchanged account would cost API calls.
 * - `last_playbook` / `last_playbook_fired_at` come from the latest trigger firing (recorded or new),
 *   so a trigger whose write was lost is re-sent by the diff, and an old one is not rewritten.
 * - The history fields (health_score_change_7d, health_change_reason, console_url) are diffed like signals.
 * - Tasks and events are owed until the CRM accepted their key: new firings plus recorded ones not yet written.
 */
import type { CrmIdColumn } from '../domain/contract';
import type { CrmValue, RecordHints } from './ports';
import type { ExtraValues, FormattedSignals } from '../catalog';
import { isPulseError } from '../errors';
import type { Firing } from '../playbooks';
import type { ComputedAccount } from '../pipeline/compute-signals';
import { formatSignals } from '../signals/format';
import type { AccountDraft, AccountPlan, ChunkPlan, FieldChange, PlannedEvent, PlannedTask } from './plan-types';
import type { ChunkState, Rejection, StoredFiring } from './state';

export type FieldFormatter = (signals: FormattedSignals, extra: ExtraValues) => Record<string, CrmValue>;

/** What drafting needs to know about the run and the CRM. */
export interface DraftContext {
  /** The run's clock, ISO-8601: fired_at of new firings and the value of last_synced_at. */
  now: string;
  format: FieldFormatter;
  /** The warehouse column holding this CRM's record id (the connector's). */
  recordIdColumn: CrmIdColumn | null;
  /**
   * A backfill of a day before the installation's last synced day: its playbooks' tasks and events are
   * owed, but field values are left at the newer day's, never written over with older ones. @defaultValue false
   */
  backfill?: boolean;
}

export interface DraftInput extends DraftContext {
  computed: ComputedAccount;
  /** The account's values of catalog fields that come from its history snapshot (the 7-day change, console_url). */
  history?: ExtraValues;
  /** This evaluation's firings for the account not yet recorded (`toStoredFirings`). */
  fresh: readonly StoredFiring[];
  state: ChunkState;
}

/** New firings (not already recorded on as-of) as the store will keep them. */
export function toStoredFirings(firings: readonly Firing[], state: ChunkState, now: string): StoredFiring[] {
  return firings
    .map((f, ordinal) => ({ f, ordinal }))
    .filter(({ f }) => !state.recordedOnAsOf.has(f.key))
    .map(({ f, ordinal }) => ({
      key: f.key, account_id: f.account_id, playbook: f.playbook, action: f.action, fired_on: f.fired_on,
      ordinal, fired_at: now, reason: f.reason, record_id: null, task: f.task ?? null,
    }));
}

/** Latest by day, then by rule priority within the day. */
function latest(a: StoredFiring | undefined, b: StoredFiring): StoredFiring {
  if (a === undefined) return b;
  if (b.fired_on !== a.fired_on) return b.fired_on > a.fired_on ? b : a;
  return b.ordinal < a.ordinal ? b : a;
}

function triggerExtra(stored: StoredFiring | undefined, fresh: readonly StoredFiring[]): ExtraValues {
  let last = stored;
  for (const f of fresh) if (f.action === 'trigger') last = latest(last, f);
  return last === undefined ? {} : { last_playbook: last.playbook, last_playbook_fired_at: last.fired_at };
}

function hintsOf({ account }: ComputedAccount, column: CrmIdColumn | null): RecordHints {
  const { account_id, name, domain } = account;
  return { account_id, name, domain, record_id: column === null ? null : account[column] };
}

function sameValue(a: CrmValue | undefined, b: CrmValue): boolean {
  // Identical values are the same JSON: the common case, without serialising every field of every account.
  if (a === b) return true;
  // Values round-trip through jsonb, so compare as JSON: 1 and 1.0 are one value, '' and null are not.
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function owedOf(owed: readonly StoredFiring[], fresh: readonly StoredFiring[], accountId: string, action: 'task' | 'trigger'): StoredFiring[] {
  const byKey = new Map<string, StoredFiring>();
  for (const f of [...owed.filter((o) => o.account_id === accountId), ...fresh]) if (f.action === action && !byKey.has(f.key)) byKey.set(f.key, f);
  return [...byKey.values()];
}

/** One account's draft, null when it has nothing to write, or a rejection when a value cannot be formatted. */
export function draftAccount(input: DraftInput): AccountDraft | Rejection | null {
  const { computed, state, now, format, fresh, backfill = false } = input;
  const id = computed.account.account_id;
  const extra = { ...input.history, ...triggerExtra(state.latestTrigger.get(id), fresh) };
  const signals = formatSignals(computed.signals);
  let current: Record<string, CrmValue>;
  let stamped: Record<string, CrmValue>;
  try {
    current = format(signals, extra);
    stamped = format(signals, { ...extra, last_synced_at: now });
  } catch (error) {
    if (!isPulseError(error)) throw error;
    return { kind: 'record', key: id, account_id: id, reason: error.message };
  }
  const written = state.written.get(id);
  const changes: FieldChange[] = [];
  if (!backfill) {
    for (const field of Object.keys(current)) {
      const value = current[field] as CrmValue;
      const old = written?.get(field);
      if (!sameValue(old, value)) changes.push({ field, old, new: value });
    }
  }
  const values: Record<string, CrmValue> = {};
  if (changes.length > 0) {
    for (const change of changes) values[change.field] = change.new;
    // The fields format adds for last_synced_at alone: the CRM's own name for it.
    for (const field of Object.keys(stamped)) if (!(field in current)) values[field] = stamped[field] as CrmValue;
  }
  const tasks: PlannedTask[] = owedOf(state.owedTasks, fresh, id, 'task')
    .filter((f) => f.task !== null)
    .map((f) => ({ key: f.key, account_id: id, ...(f.task as NonNullable<StoredFiring['task']>) }));
  const events: PlannedEvent[] = owedOf(state.owedEvents, fresh, id, 'trigger').map((f) => ({
    key: f.key, account_id: id, playbook: f.playbook, reason: f.reason, fired_at: f.fired_at,
  }));
  if (changes.length === 0 && tasks.length === 0 && events.length === 0) return null;
  return { account_id: id, hints: hintsOf(computed, input.recordIdColumn), changes, values, tasks, events };
}

export function isRejection(value: AccountDraft | Rejection | null): value is Rejection {
  return value !== null && 'reason' in value;
}

export interface DraftResult {
  draft: AccountDraft | Rejection | null;
  /** The account's new firings, to record before any write. */
  firings: StoredFiring[];
}

/**
 * Every account of a chunk drafted against the chunk's state; `firings` from evaluatePlaybooks;
 * `history`: per account, the values of the fields its snapshot gives (see snapshot.ts).
 */
export function draftChunk(
  chunk: readonly ComputedAccount[],
  firings: readonly Firing[],
  state: ChunkState,
  context: DraftContext,
  history: ReadonlyMap<string, ExtraValues> = new Map(),
): DraftResult[] {
  const byAccount = new Map<string, Firing[]>();
  for (const f of firings) byAccount.set(f.account_id, [...(byAccount.get(f.account_id) ?? []), f]);
  return chunk.map((computed) => {
    const fresh = toStoredFirings(byAccount.get(computed.account.account_id) ?? [], state, context.now);
    return { draft: draftAccount({ ...context, computed, fresh, state, history: history.get(computed.account.account_id) }), firings: fresh };
  });
}

/** Accounts whose record id must be asked of the CRM: something to write and no id on file. */
export function needsRecord(results: readonly DraftResult[], state: ChunkState): AccountDraft[] {
  const drafts: AccountDraft[] = [];
  for (const { draft } of results) if (draft !== null && !isRejection(draft) && !state.recordIds.has(draft.account_id)) drafts.push(draft);
  return drafts;
}

/**
 * The chunk's plan, once record ids are known. Firings of unmatched accounts are left unrecorded:
 * nothing can be written for them, and they fire afresh on the day their record appears.
 */
export function buildChunkPlan(
  results: readonly DraftResult[],
  state: ChunkState,
  resolved: ReadonlyMap<string, string | null>,
): ChunkPlan {
  const plan: ChunkPlan = { accounts: [], unmatched: [], rejected: [], unchanged: 0, firings: [] };
  for (const { draft, firings } of results) {
    if (draft === null) {
      plan.unchanged++;
      plan.firings.push(...firings);
    } else if (isRejection(draft)) {
      plan.rejected.push(draft);
    } else {
      const recordId = state.recordIds.get(draft.account_id) ?? resolved.get(draft.account_id) ?? null;
      if (recordId === null) {
        plan.unmatched.push(draft);
        continue;
      }
      const account: AccountPlan = { ...draft, record_id: recordId };
      plan.accounts.push(account);
      plan.firings.push(...firings.map((f) => ({ ...f, record_id: recordId })));
    }
  }
  return plan;
}
