/**
 * The demo as a page a CSM lead would read: who needs attention and why, what expands, what the
 * playbooks ask of the team, in a few lines each. Pure text from computed accounts and firings.
 */
import type { Firing } from '../playbooks';
import type { ComputedAccount } from '../pipeline/compute-signals';
import { byArrAtStake } from '../report/portfolio';
import { formatSignals } from '../signals/format';
import { formatDollars } from '../signals/text';

const nameOf = (a: ComputedAccount) => (a.account.name ? `${a.account.account_id} ${a.account.name}` : a.account.account_id);

/** Who needs attention: the report's ranking by ARR at stake (`byArrAtStake`), with why and what fires. */
export function renderAttention(accounts: readonly ComputedAccount[], firings: readonly Firing[], limit: number): string {
  const needing = byArrAtStake(accounts);
  const byAccount = new Map<string, Firing[]>();
  for (const f of firings) if (f.action !== 'none') byAccount.set(f.account_id, [...(byAccount.get(f.account_id) ?? []), f]);
  const lines = [`Who needs attention: ${needing.length} paying accounts at risk or on watch, the most ARR at stake first`];
  for (const a of needing.slice(0, limit)) {
    const s = a.signals;
    const score = formatSignals(s).health_score;
    lines.push(`  ${nameOf(a)}: health ${score} (${s.health_tier}), ${formatDollars(s.arr_usd)} ARR, ${s.coverage.replace('_', '-')}`);
    if (s.risk_drivers !== null) lines.push(`    why: ${s.risk_drivers}`);
    for (const f of byAccount.get(a.account.account_id) ?? []) lines.push(`    next: ${f.task ? `task for ${f.task.owner ?? 'the account owner'}: ${f.task.subject}` : `${f.playbook} workflow: ${f.reason}`}`);
  }
  if (needing.length > limit) lines.push(`  … and ${needing.length - limit} more: npx pulse signals --format csv`);
  return lines.join('\n');
}

/** Accounts with an expansion signal, the largest ARR first. */
export function renderExpansion(accounts: readonly ComputedAccount[], limit: number): string {
  const expanding = accounts.filter((a) => a.signals.expansion_signal !== 'none').sort((a, b) => b.signals.arr_usd - a.signals.arr_usd);
  const total = expanding.reduce((sum, a) => sum + a.signals.arr_usd, 0);
  const lines = [`What expands: ${expanding.length} accounts with an expansion signal, ${formatDollars(total)} ARR`];
  for (const a of expanding.slice(0, limit)) {
    const s = a.signals;
    const growth = s.growth_30d_pct === null ? '' : `, spend ${s.growth_30d_pct >= 0 ? 'up' : 'down'} ${Math.abs(s.growth_30d_pct).toFixed(1)}% in 30 days`;
    lines.push(`  ${nameOf(a)}: ${s.expansion_signal.replace(/_/g, ' ')} (score ${s.expansion_score}), ${formatDollars(s.arr_usd)} ARR${growth}`);
  }
  return lines.join('\n');
}

/** The firings as a sum that adds up: tasks + workflow triggers + firings with no action. */
export function renderPlaybookSummary(firings: readonly Firing[], limit: number): string {
  const tasks = firings.filter((f) => f.action === 'task');
  const triggers = firings.filter((f) => f.action === 'trigger');
  const none = firings.length - tasks.length - triggers.length;
  const lines = [
    `Playbooks: ${firings.length} firings = ${tasks.length} CSM tasks + ${triggers.length} workflow triggers + ${none} with no action ` +
      `(the playbook does nothing for that account's coverage motion; the firing still counts for its cooldown)`,
  ];
  const order = { high: 0, medium: 1, low: 2 } as const;
  for (const f of [...tasks].sort((a, b) => order[a.priority ?? 'low'] - order[b.priority ?? 'low']).slice(0, limit)) {
    lines.push(`  [${f.priority}] ${f.task?.subject ?? f.playbook} (${f.account_id}, due ${f.task?.due_date ?? '—'})`, `    ${f.reason}`);
  }
  if (tasks.length > limit) lines.push(`  … and ${tasks.length - limit} more tasks: npx pulse playbooks preview`);
  return lines.join('\n');
}
