/**
 * Rules text → validated rules, or every problem in it (YAML syntax first, then the schema).
 * Pure and total: any text yields a result, never an exception, so `pulse playbooks check` can
 * list all problems at once.
 */
import { parseDocument } from 'yaml';
import { PulseError } from '../errors';
import { formatIssue } from './issues';
import { rulesSchema } from './schema';
import type { Rules } from './types';

export type RulesCheck = { ok: true; rules: Rules } | { ok: false; errors: string[] };

export function checkRulesText(text: string, fileName: string): RulesCheck {
  // `uniqueKeys` (the default) makes a repeated key an error rather than last-one-wins.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        const where = pos === undefined ? '' : ` line ${pos.line}, column ${pos.col}:`;
        return `rules file ${fileName}:${where} invalid YAML: ${error.message.split('\n')[0] ?? error.code}`;
      }),
    };
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
  return { ok: false, errors: result.error.issues.map((issue) => formatIssue(fileName, raw, issue)) };
}

/** Like `checkRulesText`, but throws a `RULES_INVALID` PulseError listing every problem. */
export function parseRules(text: string, fileName: string): Rules {
  const checked = checkRulesText(text, fileName);
  if (checked.ok) return checked.rules;
  throw new PulseError('RULES_INVALID', checked.errors.join('\n'), { place: fileName });
}
