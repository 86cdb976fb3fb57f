import type { Request, Response } from 'express';
import { z } from 'zod';
import { batchAnswer, hubspotError, reply } from '../respond';
import { objectTypeOf, parseBody, tooMany, type RouteContext } from './context';

const body = z
  .object({ inputs: z.array(z.object({ id: z.string(), idProperty: z.string(), properties: z.record(z.string(), z.string()) }).strict()) })
  .strict();

/** `POST /crm/v3/objects/{type}/batch/upsert`: by a unique property; creates what it does not find. */
export function postBatchUpsert({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(body, req, res);
    if (type === undefined || input === undefined || tooMany(res, input.inputs.length)) return;
    const problems = input.inputs.flatMap((entry) => store.check(type, { ...entry.properties, [entry.idProperty]: entry.id }));
    if (problems.length > 0) return reply(res, 400, hubspotError('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`));
    const results = input.inputs.map((entry) => {
      const properties = { ...entry.properties, [entry.idProperty]: entry.id };
      const record = store.find(type, entry.id, entry.idProperty);
      const id = record === undefined ? store.insert(type, properties, []) : store.update(type, record.id, properties).id;
      const stored = store.find(type, id);
      return { ...(stored === undefined ? {} : store.view(stored)), new: record === undefined };
    });
    batchAnswer(res, 200, results, []);
  };
}
