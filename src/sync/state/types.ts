/**
 * What the sync engine reads from and records in the state store. The engine sees only these
 * interfaces, so tests can hand in their own and a dry run gets a reader that cannot write.
 */
import type { FirstDayKeeper } from '../../warehouse/aggregate/first-days';
import type { ValidationKeeper } from '../../warehouse/validation';
import type { CrmJobLedger, CrmValue } from '../ports';
import type { ActionType, FiringRecord, FiringTask } from '../../playbooks';
import type { NrrAggregates } from '../../domain/aggregates';
import type { Signals } from '../../domain/signals';
import type { HealthComponent } from '../../signals/health';

export interface Installation {
  id: number;
  tenant: string;
  crm: string;
  /** HubSpot portal id, Salesforce org id, 'dry-run'. */
  crmAccountId: string;
  hasCredentials: boolean;
}

export type InstallationStatus = 'active' | 'paused' | 'needs_attention';
export const INSTALLATION_STATUSES: readonly InstallationStatus[] = ['active', 'paused', 'needs_attention'];

/**
 * A named installation (`pulse installations add`): one tenant, with its CRM account, settings and
 * schedule. Its installations row has tenant = name; `id` is that row's id, the one runs reference.
 */
export interface NamedInstallation {
  id: number;
  name: string;
  crm: string;
  /** HubSpot portal id, Salesforce org id: learnt from the CRM when it was added, never guessed. */
  crmAccountId: string;
  /**
   * The warehouse URL for display, password masked; null: the deployment's configured warehouse.
   * The URL itself (with any password) is WAREHOUSE_URL in the sealed credentials.
   */
  warehouseUrl: string | null;
  /** Absolute path of its config file; null: the deployment's own. */
  configFile: string | null;
  /** Five-field cron, UTC. */
  schedule: string;
  status: InstallationStatus;
  /** Why it needs attention (set with the status); null otherwise. */
  statusReason: string | null;
  /** The sealed JSON map of environment variables (see sealed-credentials.ts); null only if erased since. */
  credentials: string | null;
  /** ISO-8601. */
  createdAt: string;
}

/** What `addInstallation` stores: `credentials` already sealed, `warehouseUrl` already masked. */
export interface NewInstallation {
  name: string;
  crm: string;
  crmAccountId: string;
  credentials: string;
  warehouseUrl: string | null;
  configFile: string | null;
  schedule: string;
}

/** An OAuth install in flight: its state's nonce, and the PKCE verifier sealed with PULSE_ENCRYPTION_KEY. */
export interface PendingOAuthState {
  nonce: string;
  crm: string;
  verifier: string;
  /** ISO-8601. */
  expiresAt: string;
}

/** One health component as computed: its input signal and its 0–100 score (null: dropped out). */
export interface HealthComponentReading {
  input: number | null;
  score: number | null;
}

/**
 * What a sync computed for one account as of one day, kept in `signal_history`: the console's lists and
 * charts and the 7-day health change read it instead of the warehouse.
 */
export interface HistorySnapshot {
  account_id: string;
  as_of: string;
  signals: Signals;
  components: Record<HealthComponent, HealthComponentReading>;
  /** Spend on the as-of day itself (USD). */
  spend_day: number;
  /** The commitment prorated to the as-of day's month (USD); null without a commitment. */
  budget_month_usd: number | null;
  /** The commitment whose period contains the as-of day (its burn-down); null without one. */
  commitment: { period_start: string; period_end: string; committed_usd: number } | null;
  /** The account's NRR cell sums, so a portfolio NRR sums cells (SIGNALS.md §11) rather than averaging ratios. */
  nrr: NrrAggregates;
  /** Display name from the warehouse's accounts model, when it has one. */
  name: string | null;
  /** Health score points against 7 days before; null without a score then or now. */
  health_score_change_7d: number | null;
  /** The component that moved the score most, with its input then and now; null without a change. */
  health_change_reason: string | null;
}

/**
 * What the history keeps of every day (the snapshot itself is kept for the newest day only): the
 * figures the console draws over time and the 7-day change reads.
 */
export interface DayReading {
  account_id: string;
  as_of: string;
  health_score: number | null;
  components: Record<HealthComponent, HealthComponentReading>;
  spend_day: number;
  use_cases_30d: number;
  teams_30d: number;
  health_score_change_7d: number | null;
  health_change_reason: string | null;
}

/** A snapshot's day reading: what the history keeps of it. */
export function dayReadingOf(snapshot: HistorySnapshot): DayReading {
  return {
    account_id: snapshot.account_id,
    as_of: snapshot.as_of,
    health_score: snapshot.signals.health_score,
    components: snapshot.components,
    spend_day: snapshot.spend_day,
    use_cases_30d: snapshot.signals.use_cases_30d,
    teams_30d: snapshot.signals.teams_30d,
    health_score_change_7d: snapshot.health_score_change_7d,
    health_change_reason: snapshot.health_change_reason,
  };
}

export const SNAPSHOT_SORT_KEYS = [
  'account_id', 'health_score', 'health_score_change_7d', 'trend', 'commit_projected_pct', 'forecast_month_usd', 'budget_month_usd', 'expansion_signal', 'coverage', 'segment',
] as const;
export type SnapshotSortKey = (typeof SNAPSHOT_SORT_KEYS)[number];

/** A page of one day's snapshots: filters (absent: all), one sort column (nulls last), offset and limit. */
export interface SnapshotQuery {
  tier?: string;
  expansion?: string;
  coverage?: string;
  segment?: string;
  sort: SnapshotSortKey;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface SnapshotPage {
  rows: HistorySnapshot[];
  /** Rows matching the filters, all pages. */
  total: number;
  /** Every segment of that day, for the filter's choices. */
  segments: string[];
}

/** A playbook firing as the store keeps it (the intent log of tasks and triggers). */
export interface StoredFiring {
  key: string;
  account_id: string;
  playbook: string;
  action: ActionType;
  fired_on: string;
  /** Position among the account's firings of that day, in rule priority order. */
  ordinal: number;
  /** ISO-8601: the run's clock when the firing was first planned; a replay keeps it. */
  fired_at: string;
  reason: string;
  record_id: string | null;
  task: FiringTask | null;
}

/** Everything the plan needs to know about one chunk of accounts, read in a few statements. */
export interface ChunkState {
  /** account → CRM field → the last value the CRM accepted. */
  written: Map<string, Map<string, CrmValue>>;
  recordIds: Map<string, string>;
  /** Per (account, playbook): the latest firing on or before as-of and the earliest after it (the cooldown history). */
  history: FiringRecord[];
  /** Keys of firings already recorded on as-of itself (a re-run of the same day replays them). */
  recordedOnAsOf: Set<string>;
  /** Recorded task firings whose task the CRM has not accepted yet. */
  owedTasks: StoredFiring[];
  /** Recorded trigger firings whose event the CRM has not accepted yet. */
  owedEvents: StoredFiring[];
  /** The latest recorded trigger firing per account: the value of the last_playbook fields. */
  latestTrigger: Map<string, StoredFiring>;
  /** The accounts' snapshots of as-of − 7 days (absent: none recorded then): the 7-day health change. */
  weekAgo: Map<string, DayReading>;
}

export interface StateReader {
  loadChunk(accountIds: readonly string[], asOf: string): Promise<ChunkState>;
}

export type RejectionKind = 'row' | 'record' | 'task' | 'event' | 'unmatched';

export interface Rejection {
  kind: RejectionKind;
  /** The warehouse row key, account id, or task/event key. */
  key: string;
  account_id: string | null;
  /** The CRM's own error, or the validation reason. */
  reason: string;
  /**
   * A warehouse row's stable reason code (`negative:units`, `duplicate_key`): what `runs show` groups
   * by, never the sentence. Absent for CRM rejections and rows recorded before the code was kept.
   */
  code?: string | null;
}

export interface RunCounts {
  accounts_read: number;
  /** Matched accounts with something to write; unmatched accounts are counted apart. */
  changed: number;
  written: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  rows_rejected: number;
  tasks_created: number;
  events_published: number;
  api_calls: number;
}

export const ZERO_COUNTS: RunCounts = {
  accounts_read: 0, changed: 0, written: 0, unchanged: 0, rejected: 0, unmatched: 0,
  rows_rejected: 0, tasks_created: 0, events_published: 0, api_calls: 0,
};

/** The run counts, each a column of `runs` by the same name. */
export const RUN_COUNT_COLUMNS = Object.keys(ZERO_COUNTS) as (keyof RunCounts)[];

/** What the CRM accepted in one batch: the state store records exactly this, in one transaction. */
export interface BatchOutcome {
  fields: { account_id: string; values: Record<string, CrmValue> }[];
  recordIds: { account_id: string; record_id: string }[];
  keys: { kind: 'task' | 'event'; key: string; crm_id: string | null }[];
  rejections: Rejection[];
}

/** How a run ended; 'interrupted': asked to stop between write units, or found killed mid-way by the next run. */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'stopped';

export interface RunEnd {
  status: 'succeeded' | 'failed' | 'stopped' | 'interrupted';
  /** The PulseError code (`CRM_RATE_LIMITED` for a quota stop), or `UNEXPECTED` for any other error. */
  errorCode: string | null;
  error: string | null;
  /** A quota stop: when the run may resume (ISO-8601). */
  resumeAt: string | null;
}

/** The writes of one run against one installation. */
export interface RunRecorder extends StateReader {
  readonly runId: number;
  /** The installation's CRM job ids (a bulk job a killed run left behind is resumed, not sent again). */
  readonly jobs: CrmJobLedger;
  recordFirings(firings: readonly StoredFiring[]): Promise<void>;
  /** Each computed account's snapshot of the run's day (a re-run of the day replaces its own). */
  recordHistory(snapshots: readonly HistorySnapshot[]): Promise<void>;
  /**
   * What the CRM accepted in one write unit, and the run's counts so far, in one transaction: a run
   * killed at any point leaves its history true up to its last recorded unit.
   */
  recordBatch(outcome: BatchOutcome, now: string, progress: RunCounts): Promise<void>;
  addRejections(rejections: readonly Rejection[]): Promise<void>;
  finish(counts: RunCounts, end: RunEnd, now: string): Promise<void>;
}

export interface RunSummary extends RunCounts {
  id: number;
  tenant: string;
  crm: string;
  crm_account_id: string;
  as_of: string;
  backfill: boolean;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  error_code: string | null;
  error: string | null;
  resume_at: string | null;
}

export interface StateStore {
  /** Reads only: null when this CRM account has never been synced. */
  findInstallation(tenant: string, crm: string, crmAccountId: string): Promise<Installation | null>;
  /**
   * Creates or updates the installation; `credentials` is a sealed envelope (of the JSON map described
   * in sealed-credentials.ts) or null (kept as is).
   */
  ensureInstallation(tenant: string, crm: string, crmAccountId: string, credentials: string | null): Promise<Installation>;
  /** The sealed credentials of an installation, or null. */
  credentials(installationId: number): Promise<string | null>;
  /**
   * Replaces the installation's sealed credentials (a refreshed OAuth token is stored here); null
   * erases them. Throws STATE_STORE_FAILED when there is no such installation.
   */
  saveCredentials(installationId: number, credentials: string | null): Promise<void>;
  /** The installation's ledger of asynchronous CRM jobs in flight (`crm_jobs`). */
  jobLedger(installationId: number): CrmJobLedger;
  /** Where runs of `scope` keep their first days (see firstDayScope). */
  firstDays(scope: string): FirstDayKeeper;
  /** Where runs of `scope` keep their validation reports (the same scopes as first days). */
  validationReports(scope: string): ValidationKeeper;
  reader(installationId: number): StateReader;
  /** The latest as-of day of the installation's runs, or null before its first run. */
  lastSyncedAsOf(installationId: number): Promise<string | null>;
  /**
   * Starts a run: takes the installation's lock (one run at a time per installation), marks runs
   * a crash left 'running' as interrupted, and inserts the run row with the next id.
   */
  startRun(installationId: number, asOf: string, now: string, options?: { backfill?: boolean }): Promise<RunRecorder>;
  /** The newest runs first; with `installationId`, only that installation's. */
  listRuns(limit: number, options?: { installationId?: number }): Promise<RunSummary[]>;
  /** Named installations, by name. */
  listInstallations(): Promise<NamedInstallation[]>;
  findInstallationByName(name: string): Promise<NamedInstallation | null>;
  /**
   * Creates the named installation (tenant = name), or takes back the installations row a removed one
   * of the same name and CRM account left, with its history. Throws INPUT_INVALID when the name is taken.
   */
  addInstallation(installation: NewInstallation): Promise<NamedInstallation>;
  /** Deletes its settings and credentials; its runs and sync state stay. False when there is no such name. */
  removeInstallation(name: string): Promise<boolean>;
  /** False when there is no such name. The reason is kept with 'needs_attention' and cleared otherwise. */
  setInstallationStatus(name: string, status: InstallationStatus, reason: string | null): Promise<boolean>;
  /** Keeps the PKCE verifier (sealed) of an OAuth install in flight until its callback takes it. */
  saveOAuthState(state: PendingOAuthState): Promise<void>;
  /**
   * Takes (deletes) the install state `nonce` of `crm` and returns its sealed verifier: null when it is
   * unknown, already taken or expired. At most one caller ever gets it.
   */
  takeOAuthState(nonce: string, crm: string): Promise<string | null>;
  /**
   * The accounts stored against any of `fromRecordIds` now point at `toRecordId` (a CRM merge); their
   * last-written values are forgotten so the next run writes them whole. Returns those accounts.
   */
  moveRecordIds(installationId: number, fromRecordIds: readonly string[], toRecordId: string): Promise<string[]>;
  /** The accounts stored against `recordIds` (deleted in the CRM) are matched again by the next run. Returns them. */
  forgetRecordIds(installationId: number, recordIds: readonly string[]): Promise<string[]>;
  /**
   * Records snapshots of one installation: each day's reading (a re-run of the same day replaces its
   * own), and the whole snapshot as the account's latest unless a newer day is kept already.
   */
  recordHistory(installationId: number, snapshots: readonly HistorySnapshot[]): Promise<void>;
  /** The readings of `accountIds` on day `asOf` (the 7-day change reads the day a week before). */
  historyOn(installationId: number, accountIds: readonly string[], asOf: string): Promise<Map<string, DayReading>>;
  /** The newest as-of day with snapshots, or null. */
  latestHistoryDay(installationId: number): Promise<string | null>;
  /** The account's newest whole snapshot, or null. */
  latestSnapshot(installationId: number, accountId: string): Promise<HistorySnapshot | null>;
  /** A page of the snapshots of accounts whose newest day is `asOf`, filtered and sorted. */
  listSnapshots(installationId: number, asOf: string, query: SnapshotQuery): Promise<SnapshotPage>;
  /** One account's readings from `fromDay` to `toDay` inclusive, oldest first. */
  accountHistory(installationId: number, accountId: string, fromDay: string, toDay: string): Promise<DayReading[]>;
  /** Daily spend per account from `fromDay` to `toDay` inclusive, oldest first (days without a snapshot are absent). */
  spendSeries(installationId: number, accountIds: readonly string[], fromDay: string, toDay: string): Promise<Map<string, { as_of: string; spend_day: number }[]>>;
  /** The warehouse account stored against CRM record `recordId` in this installation, or null. */
  accountByRecordId(installationId: number, recordId: string): Promise<string | null>;
  /** The account's playbook firings, newest first, each with whether the CRM has accepted its task or event. */
  accountFirings(installationId: number, accountId: string, limit: number): Promise<(StoredFiring & { written: boolean })[]>;
  /** The fields as last written to the CRM for the account, with when. */
  accountFieldValues(installationId: number, accountId: string): Promise<{ field: string; value: CrmValue; written_at: string }[]>;
  getRun(id: number): Promise<RunSummary | null>;
  runRejections(id: number): Promise<Rejection[]>;
  close(): Promise<void>;
}
