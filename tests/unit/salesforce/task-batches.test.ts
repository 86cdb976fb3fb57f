/**
 * Request shapes the connector sends through jsforce (nock): one Account's Tasks always share a call,
 * and every platform event carries its firing's key.
 */
import nock from 'nock';
import { createSalesforceConnector } from '../../../connectors/crm/salesforce/connector';
import type { TaskWrite, TriggerEvent } from '../../../src/sync/ports';

const INSTANCE = 'https://pulse-test.my.salesforce.com';

interface Body {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function connect() {
  return createSalesforceConnector({ instanceUrl: INSTANCE, accessToken: 'nock-token', installationId: '00D000000000042AAA', version: '62.0' });
}

/** Answers every record of each composite call as a success, and keeps the bodies. */
function recordCalls(method: 'PATCH' | 'POST', path: RegExp): Body[] {
  const bodies: Body[] = [];
  nock(INSTANCE)
    .persist()
    .intercept(path, method)
    .reply(200, (_uri, body) => {
      const parsed = body as Body;
      bodies.push(parsed);
      return parsed.records.map((_, i) => ({ id: `00T00000000${String(bodies.length * 1000 + i).padStart(4, '0')}AAA`, success: true, errors: [] }));
    });
  return bodies;
}

afterEach(() => nock.cleanAll());

describe('Salesforce connector request shapes', () => {
  it('never splits one Account\'s Tasks across calls, so no two calls in flight lock the same parent', async () => {
    const bodies = recordCalls('PATCH', /\/services\/data\/v62\.0\/composite\/sobjects\/Task\/Pulse_Task_Key__c$/);
    // 100 Accounts with 3 Tasks each: 200-record chunks in order would split the 67th Account's Tasks.
    const tasks: TaskWrite[] = Array.from({ length: 300 }, (_, i) => {
      const account = Math.floor(i / 3);
      return {
        key: `acct-${account}:playbook-${i % 3}:2026-11-30`,
        account_id: `acct-${account}`,
        record_id: `001000000000${String(account).padStart(3, '0')}AAA`,
        subject: 'Usage dropped',
        body: 'Weekly active seats fell.',
        priority: i % 3 === 0 ? 'high' : 'medium',
        due_date: '2026-12-07',
        owner: null,
      };
    });
    const results = await (await connect()).createTasks(tasks);
    expect(results.filter((result) => result.ok)).toHaveLength(300);
    expect(bodies.length).toBe(2);
    const callOf = new Map<unknown, Set<number>>();
    bodies.forEach((body, call) => {
      expect(body.records.length).toBeLessThanOrEqual(200);
      for (const record of body.records) callOf.set(record.WhatId, new Set([...(callOf.get(record.WhatId) ?? []), call]));
    });
    expect([...callOf.values()].every((calls) => calls.size === 1)).toBe(true);
    expect(bodies[0]?.records[0]).toMatchObject({ attributes: { type: 'Task' }, Priority: 'High', Status: 'Not Started', ActivityDate: '2026-12-07' });
  });

  it('publishes one Pulse_Playbook__e per firing, each with its key', async () => {
    const bodies = recordCalls('POST', /\/services\/data\/v62\.0\/composite\/sobjects$/);
    const events: TriggerEvent[] = ['a', 'b'].map((account) => ({
      key: `${account}:expansion_ready:2026-11-30`,
      account_id: account,
      record_id: '001000000000001AAA',
      playbook: 'expansion_ready',
      reason: 'Growth 40% over 30 days.',
      fired_at: '2026-11-30T06:00:00.000Z',
    }));
    await (await connect()).publishEvents(events);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.records.map((record) => [record.attributes, record.Key__c])).toEqual([
      [{ type: 'Pulse_Playbook__e' }, 'a:expansion_ready:2026-11-30'],
      [{ type: 'Pulse_Playbook__e' }, 'b:expansion_ready:2026-11-30'],
    ]);
  });
});
