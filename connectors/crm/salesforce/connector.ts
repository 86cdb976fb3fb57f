import { z } from 'zod';
import { toSalesforceFields, type ExtraValues, type FormattedSignals } from '../../../src/catalog';
import { PulseError } from '../../../src/errors';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';
import type { CrmConnector, FieldWrite, RecordHints, TaskWrite, TriggerEvent, WriteFieldsOptions } from '../../../src/sync/ports';
import { systemClock } from '../kit/clock';
import { keepingPartial } from '../kit/partial';
import { chunkByGroup } from '../kit/pool';
import type { BulkOptions } from './bulk';
import { SALESFORCE } from './description';
import { openSalesforceLink, type SalesforceLink, type SalesforceLinkOptions } from './link';
import { resolveAccounts } from './resolve';
import type { SalesforceSession } from './session';
import { writeAccounts } from './write-accounts';
import { writeCollections } from './write-records';

export interface SalesforceConnectorOptions extends SalesforceLinkOptions {
  /** The org id (the installation id); read from the identity when left out. */
  installationId?: string;
  /** Batch calls in flight at once. @defaultValue SALESFORCE.requestsInFlight */
  requestsInFlight?: number;
  /** Publish a `Pulse_Playbook__e` per trigger firing. @defaultValue true */
  platformEvents?: boolean;
  /** Changed Accounts in a run from which fields go through Bulk API 2.0 (`crm.salesforce.bulk_threshold`). @defaultValue 2000 */
  bulkThreshold?: number;
  /** How a bulk job is polled, and for how long before its records are handed back to the next run. @defaultValue every 2 s growing to 30 s, 10 minutes */
  bulkPolling?: Pick<BulkOptions, 'pollIntervalMs' | 'maxWaitMs'>;
  /** Create an Account for an account nothing matches (never in a plan). @defaultValue false */
  createMissingAccounts?: boolean;
  /** Records refused with `UNABLE_TO_LOCK_ROW`: rounds sent again within the write, and the first pause. @defaultValue 2 rounds from 2 s */
  lockRetry?: { rounds?: number; firstPauseMs?: number };
}

export interface SalesforceConnector extends CrmConnector {
  readonly link: SalesforceLink;
}

/**
 * Accounts per bulk job: one write unit, recorded in the state store when the job is done. Far below
 * Bulk API 2.0's 150 MB upload, and small enough that a killed run loses little time.
 */
const BULK_JOB_RECORDS = 10_000;

/**
 * Accounts per Collections write unit: 10 calls of 200 Accounts, whose Tasks and events then fill
 * their 200-record calls (a unit of one round, 800 Accounts, sent a third of a call of each).
 */
const UNIT_ACCOUNTS = 2_000;

const PRIORITY: Record<TaskWrite['priority'], string> = { high: 'High', medium: 'Normal', low: 'Low' };

const userInfo = z.object({ organization_id: z.string().min(15) });

/**
 * The org id (`/services/oauth2/userinfo`): it names the installation, so it is retried like every call
 * and never guessed: without it the run fails before writing anything.
 */
async function readOrgId(link: SalesforceLink): Promise<string> {
  const name = 'GET /services/oauth2/userinfo';
  const answer = await link.request<unknown>(name, { method: 'GET', url: '/services/oauth2/userinfo' });
  const parsed = answer.ok ? userInfo.safeParse(answer.data) : undefined;
  if (parsed?.success !== true) {
    const why = answer.ok ? 'the answer has no organization_id' : answer.message;
    throw new PulseError('CRM_REQUEST_FAILED', `cannot read the Salesforce org id (${name}): ${why}`, {
      place: name,
      hint: 'the org id names the installation whose state this run reads; check the instance URL and the token',
    });
  }
  return parsed.data.organization_id;
}

/**
 * The Salesforce connector for one org: Accounts matched by Id or `Pulse_Account_Id__c`, their changed
 * fields written through sObject Collections, Tasks upserted by the external id `Pulse_Task_Key__c`
 * (a replay updates the same Task, never makes a second), a platform event per trigger firing.
 */
export async function createSalesforceConnector(options: SalesforceConnectorOptions): Promise<SalesforceConnector> {
  const link = openSalesforceLink(options);
  const requestsInFlight = options.requestsInFlight ?? SALESFORCE.requestsInFlight;
  const clock = options.clock ?? systemClock;
  const { sleep } = clock;
  const session: SalesforceSession = {
    link,
    owners: new Map(),
    matchedById: new Map(),
    requestsInFlight,
    createMissingAccounts: options.createMissingAccounts ?? false,
    bulkPolling: options.bulkPolling ?? {},
    lockRetry: { rounds: options.lockRetry?.rounds ?? 2, firstPauseMs: options.lockRetry?.firstPauseMs ?? 2_000, sleep },
  };
  const installationId = options.installationId ?? (await readOrgId(link));
  const platformEvents = options.platformEvents ?? true;
  return {
    kind: 'salesforce',
    installationId,
    link,
    limits: {
      batchSize: SALESFORCE.batchSize,
      requestsInFlight,
      unitSize: UNIT_ACCOUNTS,
      bulk: { threshold: options.bulkThreshold ?? 2_000, maxRecords: BULK_JOB_RECORDS },
    },
    recordIdColumn: 'salesforce_account_id',
    get apiCalls() {
      return link.caller.calls;
    },
    get rateLimited() {
      return link.caller.rateLimited;
    },
    formatFields: (signals: FormattedSignals, extra: ExtraValues) => toSalesforceFields(signals, extra),
    resolveRecords: (accounts: readonly RecordHints[]) => (accounts.length === 0 ? Promise.resolve(new Map()) : resolveAccounts(session, accounts)),
    writeFields: (writes: readonly FieldWrite[], writeOptions?: WriteFieldsOptions) => keepingPartial((settled) => writeAccounts(session, writes, writeOptions, settled, clock)),
    createTasks: (tasks: readonly TaskWrite[]) =>
      keepingPartial((settled) => {
        const records = [...new Map(tasks.map((task) => [task.key, task])).values()].map((task) => {
            const record: Record<string, unknown> = {
              attributes: { type: 'Task' },
              Pulse_Task_Key__c: task.key,
              WhatId: task.record_id,
              Subject: task.subject.slice(0, 255),
              Description: task.body,
              Priority: PRIORITY[task.priority],
              Status: 'Not Started',
              ActivityDate: task.due_date,
            };
            // The Account's owner; without one known, Salesforce assigns the integration user.
            const owner = session.owners.get(task.record_id);
            if (owner) record.OwnerId = owner;
            return { key: task.key, record, parent: task.record_id };
          });
        // One Account's Tasks share a call: calls in flight never hold children of the same (locked) parent.
        const batches = chunkByGroup(records, SALESFORCE.batchSize, (item) => item.parent);
        const call = { name: 'upsert Tasks by Pulse_Task_Key__c', method: 'PATCH', url: '/composite/sobjects/Task/Pulse_Task_Key__c' } as const;
        return writeCollections(session, call, records, settled, batches);
      }),
    publishEvents: (events: readonly TriggerEvent[]) =>
      !platformEvents || events.length === 0
        ? Promise.resolve(events.map((event) => ({ key: event.key, ok: true as const })))
        : keepingPartial((settled) =>
            writeCollections(
              session,
              { name: `publish ${PLAYBOOK_EVENT.name}`, method: 'POST', url: '/composite/sobjects' },
              events.map((event) => ({
                key: event.key,
                record: {
                  attributes: { type: PLAYBOOK_EVENT.name },
                  // The firing's key: a subscriber that receives an event twice acts once.
                  Key__c: event.key,
                  Account_Id__c: event.record_id,
                  Pulse_Account_Id__c: event.account_id,
                  Playbook__c: event.playbook,
                  Reason__c: event.reason.slice(0, 1000),
                  Fired_At__c: event.fired_at,
                },
              })),
              settled,
            ),
          ),
    close: () => Promise.resolve(),
  };
}
