/**
 * Evaluates a condition against one account's signals. A tree walk over plain data: fields are
 * read by own-property lookup of known signal names, values are compared with ===, < and >; there
 * is no eval, no Function, no property path, so a rules file cannot reach code.
 *
 * Null semantics: every comparison (eq, ne, gt, gte, lt, lte) and `in` on a null figure is false,
 * ne included: "commit_status ne under" does not hold for an account without a commitment.
 * Test for null explicitly with `is_null`, or wrap in `not`.
 */
import type { SignalField, Signals } from '../domain/signals';
import { isSignalField } from './fields';
import { formatFigure } from './figures';
import type { ComparisonOp, Condition, ConditionValue } from './types';

export interface ConditionResult {
  matched: boolean;
  /** The fields behind the outcome, in the order the condition names them: for a match, the tests that held. */
  fields: SignalField[];
  /** The same tests in words, with the actual values, e.g. `commit_elapsed_days (45) ≥ 30`. */
  because: string;
  /** The same tests as the rules file states them, without values: `commit_status = under and commit_elapsed_days ≥ 30`. */
  rule: string;
}

/** A rule text joining several tests gets parentheses when it is part of a larger one. */
interface Part extends ConditionResult {
  compound: boolean;
}

const OP_TEXT: Record<ComparisonOp, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

type Figure = Signals[SignalField];

function read(signals: Signals, field: SignalField): Figure {
  // Own property only: a field name can never resolve to something inherited such as a constructor.
  return isSignalField(field) && Object.hasOwn(signals, field) ? signals[field] : null;
}

function compare(actual: Figure, op: ComparisonOp, expected: ConditionValue): boolean {
  if (actual === null) return false;
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    default: {
      // Ordering only between two numbers or two strings (dates YYYY-MM-DD order as strings).
      const comparable =
        (typeof actual === 'number' && typeof expected === 'number') || (typeof actual === 'string' && typeof expected === 'string');
      if (!comparable) return false;
      if (op === 'gt') return actual > expected;
      if (op === 'gte') return actual >= expected;
      if (op === 'lt') return actual < expected;
      return actual <= expected;
    }
  }
}

function shown(field: SignalField, actual: Figure): string {
  return actual === null ? 'null' : formatFigure(field, actual);
}

function leaf(matched: boolean, field: SignalField, because: string, rule: string): Part {
  return { matched, fields: [field], because, rule, compound: false };
}

function combine(parts: Part[], joiner: string, matched: boolean): Part {
  const fields: SignalField[] = [];
  for (const part of parts) for (const field of part.fields) if (!fields.includes(field)) fields.push(field);
  if (parts.length === 1 && parts[0] !== undefined) return { ...parts[0], matched };
  const because = parts.map((p) => `(${p.because})`).join(joiner);
  const rule = parts.map((p) => (p.compound ? `(${p.rule})` : p.rule)).join(joiner);
  return { matched, fields, because, rule, compound: true };
}

export function evaluateCondition(condition: Condition, signals: Signals): ConditionResult {
  const { compound: _compound, ...result } = evaluate(condition, signals);
  return result;
}

function evaluate(condition: Condition, signals: Signals): Part {
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluate(c, signals));
    const matched = parts.every((p) => p.matched);
    // A match is explained by every part; a miss by the parts that failed.
    return combine(matched ? parts : parts.filter((p) => !p.matched), ' and ', matched);
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluate(c, signals));
    const matched = parts.some((p) => p.matched);
    return combine(matched ? parts.filter((p) => p.matched) : parts, ' or ', matched);
  }
  if ('not' in condition) {
    const inner = evaluate(condition.not, signals);
    return { matched: !inner.matched, fields: inner.fields, because: `not (${inner.because})`, rule: `not (${inner.rule})`, compound: false };
  }
  const { field } = condition;
  const actual = read(signals, field);
  const value = `(${shown(field, actual)})`;
  if ('is_null' in condition) {
    const test = `is ${condition.is_null ? '' : 'not '}null`;
    return leaf((actual === null) === condition.is_null, field, `${field} ${value} ${test}`, `${field} ${test}`);
  }
  if ('in' in condition) {
    const matched = actual !== null && condition.in.some((v) => v === actual);
    const test = `in [${condition.in.map(String).join(', ')}]`;
    return leaf(matched, field, `${field} ${value} ${test}`, `${field} ${test}`);
  }
  const matched = compare(actual, condition.op, condition.value);
  const test = `${OP_TEXT[condition.op]} ${String(condition.value)}`;
  return leaf(matched, field, `${field} ${value} ${test}`, `${field} ${test}`);
}
