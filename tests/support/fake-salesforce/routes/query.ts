import type { Request, Response } from 'express';
import { sobjectTypeOf } from '../fields';
import { reply, sfErrors } from '../respond';
import { parseSoql, SoqlError } from '../soql';
import type { FakeSObject } from '../store';
import type { RouteContext } from './context';

/** `GET /query?q=`: the connector's lookups (Accounts by Id or `Pulse_Account_Id__c`, Tasks by `Pulse_Task_Key__c`). */
export function getQuery({ org }: RouteContext) {
  return (req: Request, res: Response): void => {
    const soql = typeof req.query.q === 'string' ? req.query.q : '';
    let parsed;
    try {
      parsed = parseSoql(soql);
    } catch (error) {
      if (error instanceof SoqlError) return reply(res, 400, sfErrors(error.errorCode, error.message));
      throw error;
    }
    const type = sobjectTypeOf(parsed.object);
    if (type === undefined || type === 'Pulse_Playbook__e') {
      return reply(res, 400, sfErrors('INVALID_TYPE', `sObject type '${parsed.object}' is not supported.`));
    }
    const unknown = org.fields.unknown(type, [...parsed.fields, ...(parsed.where === undefined ? [] : [parsed.where.field])]);
    if (unknown.length > 0) return reply(res, 400, sfErrors('INVALID_FIELD', `No such column '${unknown[0]}' on entity '${type}'.`));
    const { where } = parsed;
    const value = (record: FakeSObject, field: string): unknown => (field === 'Id' ? record.Id : (record.fields[field] ?? null));
    const matches = [...org.records[type].values()].filter((record) => where === undefined || where.values.includes(String(value(record, where.field))));
    const version = String(req.params.version);
    const records = matches.map((record) => ({
      attributes: { type, url: `/services/data/${version}/sobjects/${type}/${record.Id}` },
      ...Object.fromEntries(parsed.fields.map((field) => [field, value(record, field)])),
    }));
    reply(res, 200, { totalSize: records.length, done: true, records });
  };
}
