import type { Request, Response } from 'express';
import { KEY_PREFIX } from '../fields';
import { failed, reply } from '../respond';
import { fieldProblem, lockedPositions, parseCollection, runCollection, type Planned, type RouteContext } from './context';

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** `PATCH /composite/sobjects`: updates by Id, each record answered in order with its own errors. */
export function patchCollections({ org }: RouteContext) {
  return (req: Request, res: Response): void => {
    const input = parseCollection(req, res);
    if (input === undefined) return;
    const ids = input.records.map((record) => (typeof record.fields.id === 'string' ? record.fields.id : undefined));
    const planned = input.records.map((record, index): Planned => {
      const { id: _id, Id: _Id, ...fields } = record.fields;
      const id = ids[index];
      const type = record.type;
      if (type !== 'Account' && type !== 'Task') return { error: failed('INVALID_TYPE', `sObject type '${type}' is not supported.`) };
      if (id === undefined) return { error: failed('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']) };
      if (!ID.test(id) || !id.startsWith(KEY_PREFIX[type])) return { error: failed('MALFORMED_ID', `${type} ID: id value of incorrect type: ${id}`, ['Id']) };
      if (org.deleted.has(id)) return { error: failed('ENTITY_IS_DELETED', 'entity is deleted') };
      if (org.get(type, id) === undefined) return { error: failed('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id') };
      const problem = fieldProblem(org, type, fields);
      if (problem !== undefined) return { error: problem };
      return { apply: () => ({ id: org.update(type, id, fields).Id, success: true, errors: [] }) };
    });
    reply(res, 200, runCollection(planned, input.allOrNone, lockedPositions(res), ids));
  };
}
