import type { Request, Response } from 'express';
import { z } from 'zod';
import { failed, reply, sfErrors, type RecordResult } from '../respond';
import type { FakeOrg, FieldValue } from '../store';

export interface RouteContext {
  org: FakeOrg;
}

/** sObject Collections take at most 200 records a call. */
export const COLLECTION_MAX = 200;

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const record = z.looseObject({ attributes: z.object({ type: z.string() }).loose() });
const collection = z.object({ allOrNone: z.boolean().optional(), records: z.array(record) }).strict();

export interface CollectionRecord {
  type: string;
  /** The record's fields, without `attributes`. */
  fields: Record<string, FieldValue>;
}

/** Parses an sObject Collections body, or answers 400 the way the REST API does and returns undefined. */
export function parseCollection(req: Request, res: Response): { allOrNone: boolean; records: CollectionRecord[] } | undefined {
  const parsed = collection.safeParse(req.body);
  if (!parsed.success) {
    reply(res, 400, sfErrors('JSON_PARSER_ERROR', `Cannot deserialize the request body: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`));
    return undefined;
  }
  if (parsed.data.records.length > COLLECTION_MAX) {
    reply(res, 400, sfErrors('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_MAX} records into this call`));
    return undefined;
  }
  const records: CollectionRecord[] = [];
  for (const { attributes, ...rest } of parsed.data.records) {
    const fields: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(rest)) {
      const checked = fieldValue.safeParse(value);
      if (!checked.success) {
        reply(res, 400, sfErrors('JSON_PARSER_ERROR', `Cannot deserialize instance of ${attributes.type}.${name} from a non-scalar value`));
        return undefined;
      }
      fields[name] = checked.data;
    }
    records.push({ type: attributes.type, fields });
  }
  return { allOrNone: parsed.data.allOrNone ?? false, records };
}

/** One record's fate before anything is written: its error, or the write to do. */
export type Planned = { error: RecordResult } | { apply: () => RecordResult };

/**
 * Runs a collection's planned writes as Salesforce does: each record on its own (`allOrNone: false`), records
 * at `locked` positions failing with `UNABLE_TO_LOCK_ROW`, and with `allOrNone: true` nothing written when one fails.
 */
export function runCollection(planned: Planned[], allOrNone: boolean, locked: readonly number[], ids: readonly (string | undefined)[]): RecordResult[] {
  const withLocks: Planned[] = planned.map((plan, index) =>
    locked.includes(index) && 'apply' in plan
      ? { error: failed('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${ids[index] ?? ''}`) }
      : plan,
  );
  const anyFailed = withLocks.some((plan) => 'error' in plan);
  return withLocks.map((plan) => {
    if ('error' in plan) return plan.error;
    if (allOrNone && anyFailed) return failed('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');
    return plan.apply();
  });
}

/** The record positions a `lock` fault asked to fail on this request. */
export function lockedPositions(res: Response): number[] {
  const locked: unknown = res.locals.lock;
  return Array.isArray(locked) ? locked.filter((position): position is number => typeof position === 'number') : [];
}

/** A write's value problems as Salesforce reports them (first one wins, as the API reports one per record). */
export function fieldProblem(org: FakeOrg, type: 'Account' | 'Task' | 'Pulse_Playbook__e', fields: Record<string, FieldValue>): RecordResult | undefined {
  const unknown = org.fields.unknown(type, Object.keys(fields));
  if (unknown.length > 0) return failed('INVALID_FIELD', `No such column '${unknown[0]}' on sobject of type ${type}`, unknown);
  if (type !== 'Task') return undefined;
  for (const [name, allowed] of PICKLISTS) {
    const value = fields[name];
    if (value !== undefined && value !== null && !allowed.includes(String(value))) {
      return failed('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${name}: bad value for restricted picklist field: ${String(value)}`, [name]);
    }
  }
  const whatId = fields.WhatId;
  if (typeof whatId === 'string' && org.get('Account', whatId) === undefined) {
    return failed('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, ['WhatId']);
  }
  return undefined;
}

const PICKLISTS: [string, string[]][] = [
  ['Priority', ['High', 'Normal', 'Low']],
  ['Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']],
];
