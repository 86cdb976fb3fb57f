import { createHubspotConnector } from '../../../connectors/crm/hubspot';
import type { HubspotConnectorOptions } from '../../../connectors/crm/hubspot';
import type { FieldWrite, WriteResult } from '../../../src/sync/ports';
import type { FakeHubspot } from '../../support/fake-hubspot';
import type { SyntheticPlan } from '../../support/fake-hubspot/plan';

/** Short backoffs: the fake answers in milliseconds, and the suite must stay fast. */
export const FAST_RETRIES = { maxAttempts: 6, maxRateLimitRetries: 50, baseMs: 5, capMs: 40 };

export function connectTo(fake: FakeHubspot, options: Partial<HubspotConnectorOptions> = {}): ReturnType<typeof createHubspotConnector> {
  return createHubspotConnector({ accessToken: fake.token, baseUrl: fake.baseUrl, retryPolicy: FAST_RETRIES, ...options });
}

export function failures(results: readonly WriteResult[]): WriteResult[] {
  return results.filter((result) => !result.ok);
}

/** Asserts the fake portal holds exactly what the plan says: every property value, every task once, nothing else. */
export function expectPortalMatchesPlan(fake: FakeHubspot, plan: SyntheticPlan, writes: readonly FieldWrite[] = plan.writes): void {
  for (const write of writes) {
    const company = fake.store.find('companies', write.record_id);
    expect(company?.properties).toMatchObject(write.values);
  }
  const tasks = [...fake.store.records.tasks.values()];
  expect(tasks.map((task) => task.properties.pulse_task_key).sort()).toEqual(plan.tasks.map((task) => task.key).sort());
  for (const planned of plan.tasks) {
    const task = tasks.find((candidate) => candidate.properties.pulse_task_key === planned.key);
    expect(task?.companyIds).toEqual([planned.record_id]);
    expect(task?.properties).toMatchObject({
      hs_task_subject: planned.subject,
      hs_timestamp: `${planned.due_date}T12:00:00.000Z`,
      hubspot_owner_id: plan.owners.get(planned.account_id),
    });
  }
}
