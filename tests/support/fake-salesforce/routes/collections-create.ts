import type { Request, Response } from 'express';
import { failed, reply } from '../respond';
import { fieldProblem, lockedPositions, parseCollection, runCollection, type Planned, type RouteContext } from './context';

/** `POST /composite/sobjects`: publishes `Pulse_Playbook__e` events (kept in order) and creates Accounts or Tasks. */
export function postCollections({ org }: RouteContext) {
  return (req: Request, res: Response): void => {
    const input = parseCollection(req, res);
    if (input === undefined) return;
    const planned = input.records.map((record): Planned => {
      const type = record.type;
      if (type !== 'Account' && type !== 'Task' && type !== 'Pulse_Playbook__e') return { error: failed('INVALID_TYPE', `sObject type '${type}' is not supported.`) };
      if ('Id' in record.fields || 'id' in record.fields) return { error: failed('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']) };
      const problem = fieldProblem(org, type, record.fields);
      if (problem !== undefined) return { error: problem };
      if (type === 'Account' && (typeof record.fields.Name !== 'string' || record.fields.Name === '')) {
        return { error: failed('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', ['Name']) };
      }
      if (type === 'Pulse_Playbook__e') return { apply: () => ({ id: org.publish(record.fields), success: true, errors: [] }) };
      return { apply: () => ({ id: org.insert(type, record.fields), success: true, errors: [] }) };
    });
    reply(res, 200, runCollection(planned, input.allOrNone, lockedPositions(res), []));
  };
}
