/** The dry run's output: counts first, then per account the field changes old -> new, tasks and triggers. */
import type { CrmValue } from './ports';
import type { AccountDraft, AccountPlan, ChunkPlan, PlanCounts } from './plan-types';
import type { Rejection } from './state';

/** A whole plan, for output: the dry run collects its chunks (its output is as large as the changes anyway). */
export interface CollectedPlan {
  counts: PlanCounts;
  accounts: AccountPlan[];
  unmatched: AccountDraft[];
  rejected: Rejection[];
}

export function collectPlan(): { add(plan: ChunkPlan): void; result(counts: PlanCounts): CollectedPlan } {
  const accounts: AccountPlan[] = [];
  const unmatched: AccountDraft[] = [];
  const rejected: Rejection[] = [];
  return {
    add(plan) {
      accounts.push(...plan.accounts);
      unmatched.push(...plan.unmatched);
      rejected.push(...plan.rejected);
    },
    result: (counts) => ({ counts, accounts, unmatched, rejected }),
  };
}

const show = (value: CrmValue | undefined): string => (value === undefined ? '(never written)' : value === '' || value === null ? '(empty)' : String(value));

export function renderCounts(c: PlanCounts): string {
  return (
    `${c.accounts} accounts: ${c.changed} changed, ${c.unchanged} unchanged, ${c.unmatched} unmatched, ${c.rejected} rejected; ` +
    `${c.fieldChanges} field changes, ${c.tasks} tasks, ${c.triggers} triggers`
  );
}

/** One account's block; `maxFields` cuts long first-run lists (the demo shows a taste). */
export function renderAccount(a: AccountDraft & { record_id?: string }, maxFields = Infinity): string[] {
  const lines = [`${a.account_id}${a.hints.name ? ` (${a.hints.name})` : ''} -> ${a.record_id === undefined ? 'NO CRM RECORD' : `record ${a.record_id}`}`];
  for (const change of a.changes.slice(0, maxFields)) lines.push(`  ${change.field}: ${show(change.old)} -> ${show(change.new)}`);
  if (a.changes.length > maxFields) lines.push(`  … and ${a.changes.length - maxFields} more fields`);
  for (const t of a.tasks) lines.push(`  task [${t.priority}] ${t.subject} (due ${t.due_date}${t.owner ? `, owner ${t.owner}` : ''})`);
  for (const e of a.events) lines.push(`  trigger ${e.playbook}: ${e.reason}`);
  return lines;
}

export function renderPlanText(plan: CollectedPlan, header: string): string {
  const lines = [header, renderCounts(plan.counts)];
  for (const a of plan.accounts) lines.push('', ...renderAccount(a));
  for (const a of plan.unmatched) lines.push('', ...renderAccount(a));
  if (plan.rejected.length > 0) {
    lines.push('', 'Rejected (values the CRM format refuses):');
    for (const r of plan.rejected) lines.push(`  ${r.key}: ${r.reason}`);
  }
  if (plan.counts.changed === 0 && plan.counts.unmatched === 0 && plan.rejected.length === 0) lines.push('', 'Nothing to write: the CRM already holds every value.');
  return lines.join('\n');
}

/** JSON: `old` is absent for a field never written (null means written as empty). */
export function planToJson(plan: CollectedPlan, meta: Record<string, string>): string {
  const account = (a: AccountDraft & { record_id?: string }) => ({
    account_id: a.account_id,
    record_id: a.record_id ?? null,
    changes: a.changes,
    tasks: a.tasks,
    triggers: a.events,
  });
  return JSON.stringify({ ...meta, counts: plan.counts, accounts: plan.accounts.map(account), unmatched: plan.unmatched.map(account), rejected: plan.rejected }, null, 2);
}
