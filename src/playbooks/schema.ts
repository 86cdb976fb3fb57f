/**
 * The zod schema of a playbook rules file. Every object is strict, so a misspelt key is an error
 * rather than a silently ignored setting. Conditions are data (all/any/not, comparisons, `in`,
 * null checks) and field names must be signal fields: nothing in a rules file is ever evaluated as code.
 */
import { z } from 'zod';
import { SIGNAL_FIELDS, type SignalField } from '../domain/signals';
import { isOrdered, valueProblem } from './fields';
import { scanTemplate } from './templates';
import { COMPARISON_OPS, REASON_MAX, TASK_PRIORITIES, type Action, type Condition, type Rules } from './types';

// z.enum needs a non-empty tuple; SIGNAL_FIELDS is non-empty by construction.
const fieldSchema = z.enum(SIGNAL_FIELDS as readonly [SignalField, ...SignalField[]]);

const valueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or true/false (to test for null, use is_null)',
});

export const CONDITION_SHAPES = '{all: [...]}, {any: [...]}, {not: ...}, {field, op, value}, {field, in: [...]}, {field, is_null}';

type Tag = 'all' | 'any' | 'not' | 'in' | 'null' | 'cmp';

/** Which kind of condition an object means, by its keys; null when it means none. */
function tagOf(input: object): Tag | null {
  const has = (key: string): boolean => Object.hasOwn(input, key);
  if (has('all')) return 'all';
  if (has('any')) return 'any';
  if (has('not')) return 'not';
  if (has('in')) return 'in';
  if (has('is_null')) return 'null';
  if (has('op')) return 'cmp';
  return null;
}

function checkComparable(
  cond: { field: SignalField; op?: string; value?: z.infer<typeof valueSchema> },
  ctx: z.RefinementCtx,
  values: readonly z.infer<typeof valueSchema>[],
  path: (index: number) => PropertyKey[],
): void {
  if (cond.op !== undefined && cond.op !== 'eq' && cond.op !== 'ne' && !isOrdered(cond.field)) {
    ctx.addIssue({ code: 'custom', path: ['op'], message: `${cond.op} needs a number or date field; ${cond.field} is not (use eq, ne or in)` });
  }
  values.forEach((value, index) => {
    const problem = valueProblem(cond.field, value);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: path(index), message: problem });
  });
}

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .preprocess(
      (input, ctx) => {
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          ctx.addIssue({ code: 'custom', input, message: `expected a condition: ${CONDITION_SHAPES}` });
          return input;
        }
        const tag = tagOf(input);
        if (Object.hasOwn(input, 'kind') || tag === null) {
          const hint = Object.hasOwn(input, 'field') ? 'a field test needs op (with value), in or is_null' : `expected a condition: ${CONDITION_SHAPES}`;
          ctx.addIssue({ code: 'custom', input, message: hint });
          return input;
        }
        // The tag only steers validation to the right shape (for precise messages); it is removed below.
        return { ...input, kind: tag };
      },
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('all'), all: z.array(conditionSchema).min(1) }),
        z.strictObject({ kind: z.literal('any'), any: z.array(conditionSchema).min(1) }),
        z.strictObject({ kind: z.literal('not'), not: conditionSchema }),
        z
          .strictObject({ kind: z.literal('cmp'), field: fieldSchema, op: z.enum(COMPARISON_OPS), value: valueSchema })
          .superRefine((c, ctx) => checkComparable(c, ctx, [c.value], () => ['value'])),
        z
          .strictObject({ kind: z.literal('in'), field: fieldSchema, in: z.array(valueSchema).min(1) })
          .superRefine((c, ctx) => checkComparable(c, ctx, c.in, (i) => ['in', i])),
        z.strictObject({ kind: z.literal('null'), field: fieldSchema, is_null: z.boolean() }),
      ]),
    )
    .transform((tagged): Condition => {
      const { kind: _kind, ...condition } = tagged;
      return condition;
    }),
);

function templateSchema(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const problem of scanTemplate(text).problems) ctx.addIssue({ code: 'custom', message: problem });
    });
}

const taskSchema = z.strictObject({
  type: z.literal('task'),
  priority: z.enum(TASK_PRIORITIES),
  due_business_days: z.int().min(0).max(60),
  // Salesforce's Task.Subject holds 255 characters; filled figures can lengthen it, so it is cut at fire time.
  subject: templateSchema(255),
  body: templateSchema(10_000),
});

const actionSchema: z.ZodType<Action> = z.discriminatedUnion('type', [
  taskSchema,
  z.strictObject({ type: z.literal('trigger') }),
  z.strictObject({ type: z.literal('none') }),
]);

const ruleSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, {
    error: 'expected a name of lowercase letters, digits and _ (at most 40, starting with a letter)',
  }),
  description: z.string().min(1),
  when: conditionSchema,
  actions: z.strictObject({
    high_touch: actionSchema.optional(),
    tech_touch: actionSchema.optional(),
    product_led: actionSchema.optional(),
  }),
  priority: z.int().min(0),
  cooldown_days: z.int().min(0).max(3650).default(14),
  figures: z.array(fieldSchema).default([]),
  // The Salesforce event's Reason__c holds 1,000 characters; filled figures can lengthen it, so it is cut at fire time.
  reason: templateSchema(REASON_MAX).optional(),
});

/** The keys each object of a rules file may have, for "did you mean" on an unknown one. */
export const TOP_KEYS: readonly string[] = ['version', 'playbooks'];
export const RULE_KEYS: readonly string[] = Object.keys(ruleSchema.shape);
export const TASK_KEYS: readonly string[] = Object.keys(taskSchema.shape);
export const CONDITION_KEYS: readonly string[] = ['all', 'any', 'not', 'field', 'op', 'value', 'in', 'is_null'];

/**
 * Names are the trigger field's values and part of every firing key, so two rules cannot share one.
 * Takes unknown values so it can also run on a file that failed validation elsewhere.
 */
export function duplicateNames(names: readonly unknown[]): Array<{ index: number; first: number }> {
  const seen = new Map<string, number>();
  const duplicates: Array<{ index: number; first: number }> = [];
  names.forEach((name, index) => {
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else duplicates.push({ index, first });
  });
  return duplicates;
}

export function duplicateIssue(index: number, first: number): { code: 'custom'; path: PropertyKey[]; message: string } {
  return { code: 'custom', path: ['playbooks', index, 'name'], message: `duplicate playbook name, first used at playbooks[${first}]` };
}

export const rulesSchema: z.ZodType<Rules> = z
  .strictObject({ version: z.literal(1), playbooks: z.array(ruleSchema) })
  .superRefine((rules, ctx) => {
    for (const { index, first } of duplicateNames(rules.playbooks.map((rule) => rule.name))) ctx.addIssue(duplicateIssue(index, first));
  });
