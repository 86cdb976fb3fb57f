/**
 * Turns YAML parse errors and zod issues into one line each, naming the file, the rule and the
 * path, e.g. `rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].when.all[0].op:
 * expected one of eq, ne, gt, gte, lt, lte, got "greater"`. The person fixing the file reads these,
 * so they say what was expected and what was found rather than zod's internal vocabulary.
 */
import type { z } from 'zod';
import { COVERAGES, SIGNAL_FIELDS } from '../domain/signals';
import { CONDITION_KEYS, RULE_KEYS, TASK_KEYS, TOP_KEYS } from './schema';
import { didYouMean } from './suggest';

type Issue = z.core.$ZodIssue;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return String(input);
}

function expectedType(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  if (expected === 'int') return 'an integer';
  return `a ${expected}`;
}

function bound(issue: { origin: string }, word: string, value: number | bigint): string {
  if (issue.origin === 'string') return Number(value) === 1 && word === 'at least' ? 'non-empty text' : `${word} ${value} characters`;
  if (issue.origin === 'array') return `${word} ${value} item${Number(value) === 1 ? '' : 's'}`;
  return `${word} ${value}`;
}

/** Names the closest fields rather than all of them: a list of 58 hides the one that was meant. */
function unknownField(input: unknown): string {
  if (input === undefined) return 'required, but missing';
  const hint = typeof input === 'string' ? didYouMean(input, SIGNAL_FIELDS) : null;
  return `unknown signal field ${describeInput(input)}; ${hint ?? 'the signal fields are the columns of `pulse signals --format csv`'}`;
}

/** The keys allowed where an unknown key was found, told by the path of the object holding it. */
function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const last = path[path.length - 1];
  if (path.length === 0) return TOP_KEYS;
  if (path.length === 2 && path[0] === 'playbooks') return RULE_KEYS;
  if (path.length === 3 && last === 'actions') return COVERAGES;
  if (path.length === 4 && path[2] === 'actions') return TASK_KEYS;
  return CONDITION_KEYS;
}

function unknownKeys(keys: readonly string[], path: readonly PropertyKey[]): string {
  const known = knownKeysAt(path);
  const hints = keys
    .filter((key) => !known.includes(key))
    .map((key) => ({ key, hint: didYouMean(key, known) }))
    .filter((h): h is { key: string; hint: string } => h.hint !== null);
  const listed = `unknown key${keys.length === 1 ? '' : 's'} ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
  if (hints.length === 0) return listed;
  if (keys.length === 1) return `${listed}; ${hints[0]?.hint ?? ''}`;
  return `${listed} (${hints.map((h) => `${JSON.stringify(h.key)}: ${h.hint}`).join('; ')})`;
}

/** What is wrong, without the where. */
export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required, but missing' : `expected ${expectedType(issue.expected)}, got ${describeInput(issue.input)}`;
    case 'invalid_value':
      if (issue.values.length === SIGNAL_FIELDS.length) return unknownField(issue.input);
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}, got ${describeInput(issue.input)}`
        : `expected one of ${issue.values.map(String).join(', ')}, got ${describeInput(issue.input)}`;
    case 'unrecognized_keys':
      return unknownKeys(issue.keys, issue.path);
    case 'too_small':
      return `expected ${bound(issue, 'at least', issue.minimum)}`;
    case 'too_big':
      return `expected ${bound(issue, 'at most', issue.maximum)}`;
    case 'invalid_union':
      // A discriminated union with no matching `type` (actions): name the choices.
      return issue.discriminator === 'type' ? 'expected type: task, trigger or none' : issue.message;
    default:
      return issue.message;
  }
}

/** `playbook "name"` for an issue inside playbooks[i], looked up in the raw (unvalidated) document. */
function ruleLabel(raw: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'playbooks' || typeof path[1] !== 'number') return null;
  const playbooks = typeof raw === 'object' && raw !== null ? (raw as { playbooks?: unknown }).playbooks : undefined;
  const rule: unknown = Array.isArray(playbooks) ? playbooks[path[1]] : undefined;
  const name = typeof rule === 'object' && rule !== null ? (rule as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? `playbook ${JSON.stringify(name)}` : `playbook #${path[1] + 1} (unnamed)`;
}

export function formatIssue(fileName: string, raw: unknown, issue: Issue): string {
  const label = ruleLabel(raw, issue.path);
  const where = issue.path.length === 0 ? 'at the top level' : `at ${formatPath(issue.path)}`;
  return `rules file ${fileName}: ${label === null ? '' : `${label} `}${where}: ${issueMessage(issue)}`;
}
