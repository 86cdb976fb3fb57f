/**
 * (signals, rules, firing history, day) → firings. Pure: the same inputs give the same firings,
 * in the same order, with the same keys, so a dry run previews exactly what a run will do.
 *
 * Decisions:
 * - Cooldown: a playbook that fired for an account on day D is silent on D+1 .. D+cooldown_days−1
 *   and may fire again from D+cooldown_days (default 14: at most once in any 14 consecutive days).
 *   cooldown_days 0 means it may fire every day.
 * - Replay: if history already holds a firing on `asOf` itself, the firing is returned again with
 *   the identical key, so a run that crashed after recording but before writing can finish; the
 *   CRM writer de-duplicates tasks and triggers by that key.
 * - De-duplication: one firing per (account, playbook, day) per call, even if an account appears twice
 *   (the first occurrence wins).
 * - `none` actions produce a firing (action 'none'): preview shows them, and a playbook's cooldown
 *   counts from its last firing whatever the action, so a change of coverage does not re-fire it early.
 * - Order: accounts in input order; per account, rules by priority (ties keep file order).
 * - Why: `reason` is the rule's reason template filled with the account's figures (its description
 *   without one), in words a CSM reads; `rule` is the condition's tests that held, as written. A task
 *   body opens with the reason and ends with the rule, so the CRM task says why without the preview.
 */
import type { SignalField, Signals } from '../domain/signals';
import { evaluateCondition } from './conditions';
import { diffDays, toDayNumber } from '../domain/dates';
import { addBusinessDays } from './dates';
import { roundFigure } from './figures';
import { fillTemplate, templateFields } from './templates';
import {
  REASON_MAX, type Action, type Firing, type FiringHistory, type FiringTask, type FigureValue, type PlaybookAccount, type Rule,
  type Rules, type TaskAction,
} from './types';

/** Salesforce's Task.Subject limit; HubSpot's is larger. */
const SUBJECT_MAX = 255;

export function firingKey(accountId: string, playbook: string, firedOn: string): string {
  return `${accountId}:${playbook}:${firedOn}`;
}

/** True when the playbook is still cooling down from its last firing (see the module comment for the boundary). */
export function inCooldown(lastFiredOn: string | null, asOf: string, cooldownDays: number): boolean {
  if (lastFiredOn === null) return false;
  const since = diffDays(lastFiredOn, asOf);
  return since > 0 && since < cooldownDays;
}

function byPriority(rules: readonly Rule[]): Rule[] {
  // Array.prototype.sort is stable, so equal priorities keep file order.
  return [...rules].sort((a, b) => a.priority - b.priority);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The rule's reason in words: its template filled, or its description; one line, cut to fit the CRM's field. */
export function reasonText(rule: Pick<Rule, 'description' | 'reason'>, signals: Signals): string {
  const text = rule.reason === undefined ? rule.description : fillTemplate(rule.reason, signals);
  return truncate(text.replace(/\s+/g, ' ').trim(), REASON_MAX);
}

/** The task body: why (in words), what the rule's body says, then the rule as written for whoever checks it. */
export function taskBody(reason: string, body: string, rule: string): string {
  return `${reason}\n\n${body}\n\nRule: ${rule}`;
}

function buildTask(action: TaskAction, account: PlaybookAccount, asOf: string, reason: string, rule: string): FiringTask {
  return {
    subject: truncate(fillTemplate(action.subject, account.signals), SUBJECT_MAX),
    body: taskBody(reason, fillTemplate(action.body, account.signals), rule),
    priority: action.priority,
    due_date: addBusinessDays(asOf, action.due_business_days),
    owner: account.owner,
  };
}

function collectFigures(signals: Signals, groups: readonly (readonly SignalField[])[]): Record<string, FigureValue> {
  const figures: Record<string, FigureValue> = {};
  for (const group of groups) {
    for (const field of group) if (!Object.hasOwn(figures, field)) figures[field] = roundFigure(field, signals[field]);
  }
  return figures;
}

function fire(rule: Rule, account: PlaybookAccount, asOf: string, conditionFields: SignalField[], tests: string): Firing {
  const { signals } = account;
  const action: Action = rule.actions[signals.coverage] ?? { type: 'none' };
  const reason = reasonText(rule, signals);
  const templated = [
    ...(rule.reason === undefined ? [] : templateFields(rule.reason)),
    ...(action.type === 'task' ? [...templateFields(action.subject), ...templateFields(action.body)] : []),
  ];
  const firing: Firing = {
    key: firingKey(signals.account_id, rule.name, asOf),
    account_id: signals.account_id,
    playbook: rule.name,
    action: action.type,
    coverage: signals.coverage,
    fired_on: asOf,
    figures: collectFigures(signals, [conditionFields, rule.figures, templated]),
    reason,
    rule: tests,
  };
  if (action.type === 'task') {
    firing.priority = action.priority;
    firing.task = buildTask(action, account, asOf, reason, tests);
  }
  return firing;
}

export function evaluatePlaybooks(
  accounts: readonly PlaybookAccount[],
  rules: Rules,
  history: FiringHistory,
  asOf: string,
): Firing[] {
  toDayNumber(asOf); // fail fast on a malformed day rather than produce keys nobody can match
  const ordered = byPriority(rules.playbooks);
  const firings: Firing[] = [];
  const seen = new Set<string>();
  for (const account of accounts) {
    for (const rule of ordered) {
      const key = firingKey(account.signals.account_id, rule.name, asOf);
      if (seen.has(key)) continue;
      const result = evaluateCondition(rule.when, account.signals);
      if (!result.matched) continue;
      const last = history.lastFiredOn(account.signals.account_id, rule.name, asOf);
      if (inCooldown(last, asOf, rule.cooldown_days)) continue;
      // A backfill day sits before later firings: the cooldown holds in that direction too.
      const next = history.nextFiredAfter(account.signals.account_id, rule.name, asOf);
      if (next !== null && inCooldown(asOf, next, rule.cooldown_days)) continue;
      seen.add(key);
      firings.push(fire(rule, account, asOf, result.fields, result.rule));
    }
  }
  return firings;
}
