import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SIGNAL_FIELDS, type SignalField, type Signals } from '../../../src/domain/signals';
import {
  COMPARISON_OPS, checkRulesText, evaluateCondition, evaluatePlaybooks, EMPTY_HISTORY, type Condition, type ConditionValue,
} from '../../../src/playbooks';
import { enumValues, fieldType } from '../../../src/playbooks/fields';
import { makeSignals } from './make-signals';

/** Strings an attacker (or a confused user) might put where a field name or a value goes. */
const HOSTILE = ['process.exit()', 'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty',
  'globalThis.pwned = 1', '${process.exit(1)}', 'require("child_process")', '{{constructor}}', 'this'];

const SIGNALS: Signals[] = [
  makeSignals(),
  makeSignals({ trend: 'declining', commit_status: null, commit_elapsed_days: null, predictability: null, overconsumption: null, growth_30d_pct: null }),
  makeSignals({ coverage: 'tech_touch', segment: 'process.exit()', commit_exhaustion_date: '2024-03-01' }),
];

const field = fc.oneof(fc.constantFrom(...SIGNAL_FIELDS), fc.constantFrom(...HOSTILE), fc.string());
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...HOSTILE), fc.constantFrom('declining', 'under', 30, true));

/** Condition-shaped JSON, often valid, often subtly not, sometimes garbage. */
const condition = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ field, op: fc.oneof(fc.constantFrom(...COMPARISON_OPS), fc.string()), value }),
    fc.record({ field, in: fc.array(value, { maxLength: 4 }) }),
    fc.record({ field, is_null: fc.oneof(fc.boolean(), value) }),
    fc.record({ all: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).cond;

/** A comparison, `in` or null check that fits the field's type. */
function validLeaf(name: SignalField): fc.Arbitrary<unknown> {
  const type = fieldType(name);
  const typed: fc.Arbitrary<ConditionValue> =
    type === 'number' ? fc.double({ noNaN: true, noDefaultInfinity: true })
    : type === 'date' ? fc.constantFrom('2024-01-31', '2024-02-20', '2024-03-01')
    : type === 'enum' ? fc.constantFrom(...enumValues(name))
    : type === 'boolean' ? fc.boolean()
    : fc.oneof(fc.string(), fc.constantFrom(...HOSTILE));
  const ops = type === 'number' || type === 'date' ? COMPARISON_OPS : (['eq', 'ne'] as const);
  return fc.oneof(
    fc.record({ field: fc.constant(name), op: fc.constantFrom(...ops), value: typed }),
    fc.record({ field: fc.constant(name), in: fc.array(typed, { minLength: 1, maxLength: 3 }) }),
    fc.record({ field: fc.constant(name), is_null: fc.boolean() }),
  );
}

const validCondition = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SIGNAL_FIELDS).chain(validLeaf),
    fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
  ),
})).cond;

function rulesText(when: unknown): string {
  // JSON is YAML, so the generated document goes through the same parser as a user's file.
  return JSON.stringify({
    version: 1,
    playbooks: [{ name: 'generated', description: 'generated', priority: 1, when, actions: { high_touch: { type: 'trigger' } } }],
  });
}

describe('conditions cannot run code', () => {
  let exit: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit called');
    });
  });
  afterEach(() => exit.mockRestore());

  it('arbitrary JSON conditions are either rejected with messages or evaluated without throwing', () => {
    fc.assert(
      fc.property(condition, (when) => {
        const checked = checkRulesText(rulesText(when), 'generated.json');
        if (!checked.ok) {
          expect(checked.errors.length).toBeGreaterThan(0);
          for (const error of checked.errors) expect(error).toMatch(/^rules file generated\.json: /);
          return;
        }
        const firings = evaluatePlaybooks(SIGNALS.map((signals) => ({ signals, owner: null })), checked.rules, EMPTY_HISTORY, '2024-02-20');
        for (const firing of firings) expect(typeof firing.reason).toBe('string');
      }),
      { numRuns: 500 },
    );
    expect(exit).not.toHaveBeenCalled();
    expect(Object.hasOwn(globalThis, 'pwned')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('every well-typed condition is accepted and evaluates to a plain true or false', () => {
    fc.assert(
      fc.property(validCondition, (when) => {
        const checked = checkRulesText(rulesText(when), 'generated.json');
        if (!checked.ok) throw new Error(checked.errors.join('\n'));
        for (const signals of SIGNALS) expect(typeof evaluateCondition(checked.rules.playbooks[0]!.when, signals).matched).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    expect(exit).not.toHaveBeenCalled();
  });

  it.each(HOSTILE.filter((s) => !(SIGNAL_FIELDS as readonly string[]).includes(s)))('rejects %j as a field name', (name) => {
    const checked = checkRulesText(rulesText({ field: name, op: 'eq', value: 1 }), 'r.yaml');
    expect(checked.ok ? [] : checked.errors).toEqual([
      expect.stringContaining(`at playbooks[0].when.field: unknown signal field ${JSON.stringify(name)}; `),
    ]);
  });

  it('treats code-like values as plain data', () => {
    const checked = checkRulesText(rulesText({ field: 'segment', in: ['process.exit()', 'constructor'] }), 'r.yaml');
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const firings = evaluatePlaybooks(SIGNALS.map((signals) => ({ signals, owner: null })), checked.rules, EMPTY_HISTORY, '2024-02-20');
    // Only the account whose segment literally is that text matches.
    expect(firings.map((f) => [f.reason, f.rule])).toEqual([['generated', 'segment in [process.exit(), constructor]']]);
    expect(exit).not.toHaveBeenCalled();
  });

  it('does not reach inherited properties even when handed an unvalidated condition', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      const forged = { field: name, is_null: true } as unknown as Condition;
      expect(evaluateCondition(forged, makeSignals()).matched).toBe(true); // read as "no such figure", never a function
      expect(evaluateCondition({ field: name, op: 'ne', value: 'x' } as unknown as Condition, makeSignals()).matched).toBe(false);
    }
  });

  it('has no dynamic code in the engine (eval, Function, vm)', () => {
    const dir = join(__dirname, '../../../src/playbooks');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8').replace(/\/\*[^]*?\*\/|\/\/.*$/gm, '');
      expect({ file, hits: source.match(/\beval\s*\(|\bFunction\s*\(|new\s+Function\b|\bnode:vm\b|require\(\s*['"]vm['"]/g) }).toEqual({ file, hits: null });
    }
  });
});
