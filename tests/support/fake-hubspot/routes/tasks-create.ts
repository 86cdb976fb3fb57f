import type { Request, Response } from 'express';
import { z } from 'zod';
import { batchAnswer, hubspotError, reply } from '../respond';
import { parseBody, tooMany, type RouteContext } from './context';

const association = z
  .object({
    to: z.object({ id: z.string() }).strict(),
    types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number() }).strict()),
  })
  .strict();
const body = z.object({ inputs: z.array(z.object({ properties: z.record(z.string(), z.string()), associations: z.array(association).optional() }).strict()) }).strict();

/** Task to company, HubSpot-defined. */
const TASK_TO_COMPANY = 192;

/**
 * `POST /crm/v3/objects/tasks/batch/create`, all or nothing like HubSpot: a taken `pulse_task_key` (in the
 * portal or twice in the batch) is a 409 naming the existing task; a bad value or association a 400.
 */
export function postTasksCreate({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const input = parseBody(body, req, res);
    if (input === undefined || tooMany(res, input.inputs.length)) return;
    const problems = input.inputs.flatMap((entry) => store.check('tasks', entry.properties));
    if (problems.length > 0) return reply(res, 400, hubspotError('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`));
    const keys = new Set<string>();
    for (const entry of input.inputs) {
      const conflict = store.conflict('tasks', entry.properties);
      if (conflict !== undefined) {
        return reply(res, 409, hubspotError('CONFLICT', `A task with ${conflict.property}=${conflict.value} already exists. Existing ID: ${conflict.existingId}`));
      }
      const key = entry.properties.pulse_task_key;
      if (key !== undefined && key !== '') {
        if (keys.has(key)) return reply(res, 409, hubspotError('CONFLICT', `pulse_task_key=${key} appears twice in the batch`));
        keys.add(key);
      }
      for (const link of entry.associations ?? []) {
        const typeOk = link.types.every((type) => type.associationCategory === 'HUBSPOT_DEFINED' && type.associationTypeId === TASK_TO_COMPANY);
        if (!typeOk || store.find('companies', link.to.id) === undefined) {
          return reply(res, 400, hubspotError('VALIDATION_ERROR', `Association to company ${link.to.id} is not valid`));
        }
      }
    }
    const results = input.inputs.map((entry) => {
      const id = store.insert('tasks', entry.properties, (entry.associations ?? []).map((link) => link.to.id));
      const record = store.find('tasks', id);
      return record === undefined ? {} : store.view(record);
    });
    batchAnswer(res, 201, results, []);
  };
}
