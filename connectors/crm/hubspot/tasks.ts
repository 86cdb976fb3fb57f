import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks';
import { PulseError } from '../../../src/errors';
import type { TaskWrite, WriteResult } from '../types';
import { readCompanies } from './companies-read';
import { chunk, mapPool } from './pool';
import { HUBSPOT } from './provider';
import type { HubspotSession } from './session';
import { writeSplitting, type BatchOutcome } from './split';

const { taskKey, owner } = HUBSPOT.properties;
const PRIORITY: Record<TaskWrite['priority'], string> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/**
 * A task as HubSpot's batch create takes it. Due at noon UTC: HubSpot shows `hs_timestamp` in each
 * user's time zone, and noon is the same calendar day everywhere from UTC−11 to UTC+11 (midnight
 * would show as the day before across the Americas). The owner is the company's `hubspot_owner_id`:
 * the warehouse's owner email would need an owners-API lookup per email, and the company owner is who
 * HubSpot itself shows as responsible; a company without one gets an unassigned task.
 */
export function taskProperties(task: TaskWrite, ownerId: string | null): Record<string, string> {
  const properties: Record<string, string> = {
    [taskKey]: task.key,
    hs_task_subject: task.subject,
    hs_task_body: task.body,
    hs_task_priority: PRIORITY[task.priority],
    hs_task_status: 'NOT_STARTED',
    hs_task_type: 'TODO',
    hs_timestamp: `${task.due_date}T12:00:00.000Z`,
  };
  if (ownerId !== null) properties[owner] = ownerId;
  return properties;
}

/** Tasks HubSpot already holds, by key: a batch read on the unique `pulse_task_key`, consistent right after a create (search is not). */
async function readTaskKeys(session: HubspotSession, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const answer = await session.caller.call('batch read tasks by pulse_task_key', 'standard', (options) =>
    session.apis().tasks.batchApi.readWithHttpInfo(
      { inputs: keys.map((id) => ({ id })), properties: [taskKey], propertiesWithHistory: [], idProperty: taskKey },
      false,
      options,
    ),
  );
  // Without knowing which tasks exist, creating could duplicate one: stop instead (the run resumes later).
  if (!answer.ok) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot batch read tasks failed: ${answer.message}`, { place: 'read tasks' });
  for (const task of answer.data.results) {
    const key = task.properties[taskKey];
    if (key !== undefined && key !== null) found.set(key, task.id);
  }
  return found;
}

async function createBatch(session: HubspotSession, batch: readonly TaskWrite[]): Promise<BatchOutcome> {
  const answer = await session.caller.call('batch create tasks', 'standard', (options) =>
    session.apis().tasks.batchApi.createWithHttpInfo(
      {
        inputs: batch.map((task) => ({
          properties: taskProperties(task, session.owners.get(task.record_id) ?? null),
          associations: [
            {
              to: { id: task.record_id },
              types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: HUBSPOT.taskToCompanyAssociation }],
            },
          ],
        })),
      },
      options,
    ),
  );
  const results: WriteResult[] = [];
  const wanted = new Set(batch.map((task) => task.key));
  if (answer.ok) {
    for (const task of answer.data.results) {
      const key = task.properties[taskKey];
      if (key !== undefined && key !== null && wanted.has(key)) results.push({ key, ok: true, crm_id: task.id });
    }
  }
  // Whatever is not confirmed may still exist: a dropped connection after HubSpot created it, or a 409 on a
  // key created by an earlier attempt. Reading the keys settles those as ok before anything is retried or split.
  const settled = new Set(results.map((result) => result.key));
  const unsettled = batch.filter((task) => !settled.has(task.key)).map((task) => task.key);
  for (const [key, id] of await readTaskKeys(session, unsettled)) results.push({ key, ok: true, crm_id: id });
  return answer.ok ? { results } : { results, refused: { message: answer.message, retryable: answer.retryable } };
}

/**
 * Creates tasks idempotently: keys HubSpot already holds are reported ok with the existing id and never
 * created again; `pulse_task_key` is unique in HubSpot, so even two racing runs cannot make a second task.
 */
export async function createCompanyTasks(session: HubspotSession, tasks: readonly TaskWrite[], settled: WriteResult[]): Promise<WriteResult[]> {
  const unique = [...new Map(tasks.map((task) => [task.key, task])).values()];
  await mapPool(chunk(unique, HUBSPOT.batchSize), session.concurrency, async (batch) => {
    const existing = await readTaskKeys(session, batch.map((task) => task.key));
    const toCreate = batch.filter((task) => !existing.has(task.key));
    // Ids that are not HubSpot's (digits) would fail the whole read; their tasks go unassigned.
    const ownerless = toCreate.map((task) => task.record_id).filter((id) => !session.owners.has(id) && /^\d+$/.test(id));
    if (ownerless.length > 0) await readCompanies(session, ownerless);
    const created = await writeSplitting(toCreate, (task) => task.key, (part) => createBatch(session, part));
    settled.push(...[...existing].map(([key, id]): WriteResult => ({ key, ok: true, crm_id: id })), ...created);
  });
  // A key given twice gets the one result.
  const byKey = new Map(settled.map((result) => [result.key, result]));
  return tasks.map((task) => byKey.get(task.key) ?? { key: task.key, ok: false, error: 'not attempted', retryable: true });
}
