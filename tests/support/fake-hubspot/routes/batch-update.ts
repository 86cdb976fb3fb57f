import type { Request, Response } from 'express';
import { z } from 'zod';
import { batchAnswer, hubspotError, reply } from '../respond';
import { objectTypeOf, parseBody, tooMany, type RouteContext } from './context';

const body = z
  .object({ inputs: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.string()), idProperty: z.string().optional() }).strict()) })
  .strict();

/**
 * `POST /crm/v3/objects/{type}/batch/update`. Like HubSpot: a batch with an invalid value, a duplicate id
 * or a taken unique value is refused whole (400, naming no input); ids not held are a 207 error, the rest written.
 */
export function postBatchUpdate({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(body, req, res);
    if (type === undefined || input === undefined || tooMany(res, input.inputs.length)) return;
    const ids = input.inputs.map((entry) => entry.id);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (duplicates.length > 0) return reply(res, 400, hubspotError('VALIDATION_ERROR', `Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`));
    const problems = input.inputs.flatMap((entry) => store.check(type, entry.properties));
    if (problems.length > 0) return reply(res, 400, hubspotError('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`));
    const found = input.inputs.map((entry) => ({ entry, record: store.find(type, entry.id, entry.idProperty) }));
    for (const { entry, record } of found) {
      const conflict = record === undefined ? undefined : store.conflict(type, entry.properties, record.id);
      if (conflict !== undefined) {
        return reply(res, 400, hubspotError('VALIDATION_ERROR', `${conflict.value} already has that value on ${conflict.property} (object ${conflict.existingId})`));
      }
    }
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const { entry, record } of found) {
      if (record === undefined) missing.push(entry.id);
      else results.push(store.view(store.update(type, record.id, entry.properties)));
    }
    const errors = missing.length === 0 ? [] : [{ ...hubspotError('OBJECT_NOT_FOUND', 'Object not found'), context: { ids: missing } }];
    batchAnswer(res, 200, results, errors);
  };
}
