/**
 * The shapes of a playbook rules file once validated (see `schema.ts` for the rules it must obey)
 * and of what evaluation produces. Plain data: a parsed rules file can be written back as YAML unchanged.
 */
import type { Coverage, SignalField, Signals } from '../domain/signals';

export const COMPARISON_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** A literal a condition compares against. `null` is not one: null checks are `is_null`. */
export type ConditionValue = string | number | boolean;

export interface AllCondition { all: Condition[] }
export interface AnyCondition { any: Condition[] }
export interface NotCondition { not: Condition }
export interface ComparisonCondition { field: SignalField; op: ComparisonOp; value: ConditionValue }
export interface InCondition { field: SignalField; in: ConditionValue[] }
export interface NullCondition { field: SignalField; is_null: boolean }

/** Told apart by their keys (`all`, `any`, `not`, `op`, `in`, `is_null`), exactly as written in YAML. */
export type Condition = AllCondition | AnyCondition | NotCondition | ComparisonCondition | InCondition | NullCondition;

export const TASK_PRIORITIES = ['high', 'medium', 'low'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export interface TaskAction {
  type: 'task';
  priority: TaskPriority;
  /** Due this many business days (Mon–Fri) after the firing date; 0 = the firing date itself, or the next Monday. */
  due_business_days: number;
  /** Templates with `{{field}}` placeholders, checked against the signal fields at load time. */
  subject: string;
  body: string;
}
/** Sets the catalog's playbook trigger fields (playbook name, fired-at) that CRM workflows enroll on. */
export interface TriggerAction { type: 'trigger' }
export interface NoneAction { type: 'none' }
export type Action = TaskAction | TriggerAction | NoneAction;
export type ActionType = Action['type'];

/** A missing coverage means `none`. */
export type CoverageActions = Partial<Record<Coverage, Action>>;

/** The longest firing reason: the Salesforce event's Reason__c is a 1,000-character field. */
export const REASON_MAX = 1000;

export interface Rule {
  /** Lowercase snake_case; it is the value of the CRM trigger field, so it is stable. */
  name: string;
  description: string;
  /**
   * Why the playbook fired, in words a CSM reads in the CRM: a template with `{{field}}` placeholders,
   * e.g. `Consumption is {{trend}}: 30-day spend went from {{spend_prev_30d}} to {{spend_30d}}`.
   * @defaultValue the description
   */
  reason?: string;
  when: Condition;
  actions: CoverageActions;
  /** Ordering of firings for one account: lower first; ties keep file order. */
  priority: number;
  /** @defaultValue 14 */
  cooldown_days: number;
  /** Extra figures carried on every firing besides those the condition looked at. @defaultValue [] */
  figures: SignalField[];
}

export interface Rules {
  version: 1;
  playbooks: Rule[];
}

/** A value as a firing carries it: rounded per SIGNALS.md's output conventions. */
export type FigureValue = string | number | boolean | null;

export interface FiringTask {
  subject: string;
  body: string;
  priority: TaskPriority;
  /** `YYYY-MM-DD`. */
  due_date: string;
  /** The account's CRM owner; null leaves the assignment to the CRM writer's default. */
  owner: string | null;
}

export interface Firing {
  /** `${account_id}:${playbook}:${fired_on}`: the idempotency key of the task / trigger downstream. */
  key: string;
  account_id: string;
  playbook: string;
  action: ActionType;
  coverage: Coverage;
  /** The evaluation day, `YYYY-MM-DD`. */
  fired_on: string;
  /** The task's priority, repeated here so a list can be sorted without opening `task`; tasks only. */
  priority?: TaskPriority;
  task?: FiringTask;
  /** The figures that made it fire (condition fields first, then the rule's `figures`, then template placeholders). */
  figures: Record<string, FigureValue>;
  /**
   * Why it fired, in words with the figures (the rule's `reason` template filled, or its description):
   * the trigger event's reason and the opening of the task body. At most REASON_MAX characters.
   */
  reason: string;
  /**
   * The detail behind `reason`: the condition's tests that held, as the rules file states them, e.g.
   * `commit_status = under and commit_elapsed_days ≥ 30`. Set on every firing `evaluatePlaybooks` makes;
   * optional only for callers that build a Firing by hand.
   */
  rule?: string;
}

/** What evaluation needs to know about earlier firings (the state store implements it). */
export interface FiringHistory {
  /** The latest day ≤ `onOrBefore` on which `playbook` fired for `accountId`, or null. */
  lastFiredOn(accountId: string, playbook: string, onOrBefore: string): string | null;
  /**
   * The earliest day > `after` on which `playbook` fired for `accountId`, or null. Only a backfill (a run
   * for a day before the installation's last synced day) finds one: the cooldown then holds backwards too.
   */
  nextFiredAfter(accountId: string, playbook: string, after: string): string | null;
}

export interface PlaybookAccount {
  signals: Signals;
  /** The account's CRM owner (email or CRM user id), the task's assignee. */
  owner: string | null;
}
