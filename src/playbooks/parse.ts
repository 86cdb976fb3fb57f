/**
 * Rules text → validated rules, or its problems: the first YAML syntax error, else every schema problem.
 * Pure and total: any text yields a result, never an exception, so `pulse playbooks check` can
 * list all schema problems at once.
 */
import { LineCounter, parseDocument } from 'yaml';
import { PulseError } from '../errors';
import { formatIssue } from './issues';
import { duplicateIssue, duplicateNames, rulesSchema } from './schema';
import type { Rules } from './types';

export type RulesCheck = { ok: true; rules: Rules } | { ok: false; errors: string[] };

export function checkRulesText(text: string, fileName: string): RulesCheck {
  // `uniqueKeys` (the default) makes a repeated key an error rather than last-one-wins.
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  // Only the first syntax error: the parser's later ones mostly follow from it (one missing `]` can
  // yield twenty), and the line after a fix is where the next real one shows.
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first !== undefined) {
    const pos = lines.linePos(first.pos[0]);
    const message = first.message.split('\n')[0] ?? first.code;
    return { ok: false, errors: [`rules file ${fileName}: line ${pos.line}, column ${pos.col}: invalid YAML: ${message}`] };
  }
  let raw: unknown;
  try {
    // Alias expansion is capped so a "billion laughs" file fails instead of exhausting memory.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, errors: [`rules file ${fileName}: invalid YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = rulesSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, rules: result.data };
  const messages = result.error.issues.map((issue) => formatIssue(fileName, raw, issue));
  // zod skips the schema's duplicate-name check when a rule is otherwise invalid; run it on the raw
  // names too so one pass lists every problem. A Set drops the copy when both report it.
  for (const { index, first } of duplicateNames(rawNames(raw))) {
    messages.push(formatIssue(fileName, raw, { ...duplicateIssue(index, first), input: undefined }));
  }
  return { ok: false, errors: [...new Set(messages)] };
}

function rawNames(raw: unknown): unknown[] {
  const playbooks = typeof raw === 'object' && raw !== null ? (raw as { playbooks?: unknown }).playbooks : undefined;
  return Array.isArray(playbooks)
    ? playbooks.map((rule: unknown) => (typeof rule === 'object' && rule !== null ? (rule as { name?: unknown }).name : undefined))
    : [];
}

/** Like `checkRulesText`, but throws a `RULES_INVALID` PulseError listing every problem. */
export function parseRules(text: string, fileName: string): Rules {
  const checked = checkRulesText(text, fileName);
  if (checked.ok) return checked.rules;
  throw new PulseError('RULES_INVALID', checked.errors.join('\n'), { place: fileName });
}
