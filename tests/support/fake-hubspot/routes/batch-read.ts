import type { Request, Response } from 'express';
import { z } from 'zod';
import { batchAnswer, hubspotError } from '../respond';
import { objectTypeOf, parseBody, tooMany, type RouteContext } from './context';

const body = z
  .object({
    inputs: z.array(z.object({ id: z.string() }).strict()),
    properties: z.array(z.string()).default([]),
    propertiesWithHistory: z.array(z.string()).default([]),
    idProperty: z.string().optional(),
  })
  .strict();

/** `POST /crm/v3/objects/{type}/batch/read`: by id or by a unique property; ids not held come back as a 207 error. */
export function postBatchRead({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(body, req, res);
    if (type === undefined || input === undefined || tooMany(res, input.inputs.length)) return;
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const { id } of input.inputs) {
      const record = store.find(type, id, input.idProperty);
      if (record === undefined) missing.push(id);
      else results.push(store.view(record, input.properties));
    }
    const noun = type === 'companies' ? 'COMPANY' : 'TASK';
    const errors =
      missing.length === 0
        ? []
        : [{ ...hubspotError('OBJECT_NOT_FOUND', `Could not get some ${noun} objects, they may be deleted or not exist. Check that ids are valid.`), context: { ids: missing } }];
    batchAnswer(res, 200, results, errors);
  };
}
