import type { Request, Response } from 'express';
import { failed, reply, sfErrors } from '../respond';
import { fieldProblem, lockedPositions, parseCollection, runCollection, type Planned, type RouteContext } from './context';

/** The External ID fields the Pulse DX project deploys. */
const EXTERNAL_IDS: Record<string, string> = { Task: 'Pulse_Task_Key__c', Account: 'Pulse_Account_Id__c' };

/**
 * `PATCH /composite/sobjects/{type}/{externalIdField}`: upserts by the external id, so a replay updates the
 * record it created the first time and never creates a second one.
 */
export function patchCollectionsUpsert({ org }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = String(req.params.sobject);
    const key = String(req.params.externalIdField);
    if ((type !== 'Account' && type !== 'Task') || EXTERNAL_IDS[type] !== key || !org.fields.has(type, key)) {
      return reply(res, 404, sfErrors('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${key}`));
    }
    const input = parseCollection(req, res);
    if (input === undefined) return;
    const keys = input.records.map((record) => record.fields[key]);
    const ids = keys.map((value) => (value === undefined || value === null ? undefined : String(value)));
    const planned = input.records.map((record, index): Planned => {
      const value = ids[index];
      if (record.type !== type) return { error: failed('INVALID_TYPE', `Record type ${record.type} does not match ${type}`) };
      if (value === undefined || value === '') return { error: failed('MISSING_ARGUMENT', `${key} not specified`, [key]) };
      if (ids.filter((other) => other === value).length > 1) return { error: failed('DUPLICATE_VALUE', `Duplicate external id specified: ${value}`, [key]) };
      if ('Id' in record.fields || 'id' in record.fields) return { error: failed('INVALID_FIELD', 'Cannot specify Id in an upsert call', ['Id']) };
      const problem = fieldProblem(org, type, record.fields);
      if (problem !== undefined) return { error: problem };
      return {
        apply: () => {
          const existing = org.findBy(type, key, value);
          if (existing === undefined) return { id: org.insert(type, record.fields), success: true, created: true, errors: [] };
          const { [key]: _unchanged, ...fields } = record.fields;
          return { id: org.update(type, existing.Id, fields).Id, success: true, created: false, errors: [] };
        },
      };
    });
    reply(res, 200, runCollection(planned, input.allOrNone, lockedPositions(res), ids));
  };
}
