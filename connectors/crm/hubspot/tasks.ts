import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks';
import { PulseError } from '../../../src/errors';
import type { TaskWrite, WriteResult } from '../../../src/sync/ports';
import type { BatchOutcome } from '../kit/split';
import { createTasksIdempotently } from '../kit/tasks';
import { readCompanies } from './companies-read';
import { HUBSPOT, HUBSPOT_API } from './description';
import type { HubspotSession } from './session';

const { taskKey, owner } = HUBSPOT_API.properties;
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
  const answer = await session.link.call('batch read tasks by pulse_task_key', 'standard', (options) =>
    session.link.apis().tasks.batchApi.readWithHttpInfo(
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

/** One batch create; reports the tasks the answer confirmed. What it did not confirm the kit reads again. */
async function createBatch(session: HubspotSession, batch: readonly TaskWrite[]): Promise<BatchOutcome> {
  const answer = await session.link.call('batch create tasks', 'standard', (options) =>
    session.link.apis().tasks.batchApi.createWithHttpInfo(
      {
        inputs: batch.map((task) => ({
          properties: taskProperties(task, session.owners.get(task.record_id) ?? null),
          associations: [
            {
              to: { id: task.record_id },
              types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: HUBSPOT_API.taskToCompanyAssociation }],
            },
          ],
        })),
      },
      options,
    ),
  );
  if (!answer.ok) return { results: [], refused: { message: answer.message, retryable: answer.retryable } };
  const wanted = new Set(batch.map((task) => task.key));
  const results: WriteResult[] = [];
  for (const task of answer.data.results) {
    const key = task.properties[taskKey];
    if (key !== undefined && key !== null && wanted.has(key)) results.push({ key, ok: true, crm_id: task.id });
  }
  return { results };
}

/** Reads the owners of companies not seen while resolving. Ids that are not HubSpot's (digits) would fail the whole read; their tasks go unassigned. */
async function readMissingOwners(session: HubspotSession, tasks: readonly TaskWrite[]): Promise<void> {
  const ownerless = tasks.map((task) => task.record_id).filter((id) => !session.owners.has(id) && /^\d+$/.test(id));
  if (ownerless.length > 0) await readCompanies(session, ownerless);
}

/**
 * Creates tasks idempotently (the kit's protocol): keys HubSpot already holds are reported ok with the
 * existing id and never created again; `pulse_task_key` is unique in HubSpot, so even two racing runs
 * cannot make a second task.
 */
export function createCompanyTasks(session: HubspotSession, tasks: readonly TaskWrite[], settled: WriteResult[]): Promise<WriteResult[]> {
  return createTasksIdempotently(
    tasks,
    {
      crm: HUBSPOT.label,
      batchSize: HUBSPOT.batchSize,
      requestsInFlight: session.requestsInFlight,
      readKeys: (keys) => readTaskKeys(session, keys),
      createBatch: (batch) => createBatch(session, batch),
      prepare: (batch) => readMissingOwners(session, batch),
    },
    settled,
  );
}
