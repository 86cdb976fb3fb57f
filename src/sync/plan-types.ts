import type { CrmValue, RecordHints, TaskWrite, TriggerEvent } from './ports';
import type { Rejection, StoredFiring } from './state';

/** One field whose CRM-formatted value differs from the last value the CRM accepted. */
export interface FieldChange {
  field: string;
  /** Undefined: never written. */
  old: CrmValue | undefined;
  new: CrmValue;
}

export type PlannedTask = Omit<TaskWrite, 'record_id'>;
export type PlannedEvent = Omit<TriggerEvent, 'record_id'>;

/** What one account needs written, before its CRM record is known. */
export interface AccountDraft {
  account_id: string;
  hints: RecordHints;
  changes: FieldChange[];
  /** The write itself: the changed fields, plus `last_synced_at` when any field changed. */
  values: Record<string, CrmValue>;
  tasks: PlannedTask[];
  events: PlannedEvent[];
}

export interface AccountPlan extends AccountDraft {
  record_id: string;
}

/** The plan for one chunk of accounts: what a dry run prints and a run executes. */
export interface ChunkPlan {
  accounts: AccountPlan[];
  /** Accounts with something to write that the CRM has no record for. Reported, never dropped. */
  unmatched: AccountDraft[];
  /** Accounts whose values could not be formatted for the CRM (the reason names the field). */
  rejected: Rejection[];
  /** Accounts with nothing to write. */
  unchanged: number;
  /** New firings to record before any write (the intent log); unmatched accounts' firings are not. */
  firings: StoredFiring[];
}

export interface PlanCounts {
  accounts: number;
  changed: number;
  unchanged: number;
  unmatched: number;
  rejected: number;
  fieldChanges: number;
  tasks: number;
  triggers: number;
}
