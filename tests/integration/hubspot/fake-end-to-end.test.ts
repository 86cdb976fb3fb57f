import { isQuotaStop } from '../../../src/sync/ports';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { seededRandom, seedSyntheticPlan } from '../../support/fake-hubspot/plan';
import { connectTo, expectPortalMatchesPlan, failures } from './support';

/** Whole connector runs against the local fake HubSpot, through the real SDK, with and without faults. */
let fake: FakeHubspot;
afterEach(() => fake.close());

describe('HubSpot connector against the fake portal', () => {
  it('writes every property and task exactly once, in 100-record batches, and an empty plan makes no call', async () => {
    fake = await startFakeHubspot({ limits: { max: 50, windowMs: 1000 } });
    const plan = seedSyntheticPlan(fake.store, { accounts: 250, taskEvery: 10 });
    const connector = await connectTo(fake);
    expect(connector.installationId).toBe('424242');
    // The engine sizes its batches from these, and reads the company id from the warehouse column named here.
    expect(connector.limits).toEqual({ batchSize: 100, requestsInFlight: 4 });
    expect(connector.recordIdColumn).toBe('hubspot_company_id');
    const afterInfo = connector.apiCalls;

    const resolved = await connector.resolveRecords(plan.hints);
    expect([...resolved.values()]).toEqual(plan.writes.map((write) => write.record_id));
    expect(connector.apiCalls - afterInfo).toBe(3);

    const beforeWrites = connector.apiCalls;
    const written = await connector.writeFields(plan.writes);
    expect(failures(written)).toEqual([]);
    expect(written).toHaveLength(250);
    expect(connector.apiCalls - beforeWrites).toBe(3);

    const tasks = await connector.createTasks(plan.tasks);
    expect(failures(tasks)).toEqual([]);
    expectPortalMatchesPlan(fake, plan);
    // Every property of every company written once: no retry rewrote anything.
    for (const write of plan.writes) {
      for (const name of Object.keys(write.values)) expect(fake.store.writes.get(`companies/${write.record_id}/${name}`)).toBe(1);
    }

    const calls = connector.apiCalls;
    expect(await connector.writeFields([])).toEqual([]);
    expect(await connector.createTasks([])).toEqual([]);
    expect(await connector.resolveRecords([])).toEqual(new Map());
    expect(connector.apiCalls).toBe(calls);
    expect(fake.stats.rateLimited).toBe(0);
  });

  it('ends in the planned state through 5xx, 429s, slow answers and dropped connections, with no duplicate task', async () => {
    const random = seededRandom(11);
    fake = await startFakeHubspot({ limits: { max: 40, windowMs: 1000 }, random });
    const plan = seedSyntheticPlan(fake.store, { accounts: 400, taskEvery: 4 });
    fake.faults.add({ fault: { kind: 'status', status: 502 }, probability: 0.1 });
    fake.faults.add({ fault: { kind: 'drop', when: 'after' }, path: '/tasks/batch/create', times: 2 });
    fake.faults.add({ fault: { kind: 'drop', when: 'before' }, probability: 0.05 });
    fake.faults.add({ fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, probability: 0.05 });
    fake.faults.add({ fault: { kind: 'slow', ms: 150 }, probability: 0.1 });
    const connector = await connectTo(fake, { installationId: 'portal-1', random });

    await connector.resolveRecords(plan.hints);
    expect(failures(await connector.writeFields(plan.writes))).toEqual([]);
    expect(failures(await connector.createTasks(plan.tasks))).toEqual([]);
    expectPortalMatchesPlan(fake, plan);
    expect(fake.faults.applied.get('drop after')).toBe(2);
    expect(fake.faults.applied.get('status 502') ?? 0).toBeGreaterThan(0);
    expect(connector.caller.rateLimited).toBeGreaterThan(0);
  });

  it('after a crash between the task create and the state update, a new run reports the existing tasks and creates none', async () => {
    fake = await startFakeHubspot({ limits: { max: 50, windowMs: 1000 } });
    const plan = seedSyntheticPlan(fake.store, { accounts: 120, taskEvery: 2 });
    const first = await (await connectTo(fake, { installationId: 'p' })).createTasks(plan.tasks);
    // The engine never recorded `first`: a fresh process runs the same plan.
    const rerun = await connectTo(fake, { installationId: 'p' });
    const second = await rerun.createTasks(plan.tasks);
    expect(second).toEqual(first);
    expect(fake.store.records.tasks.size).toBe(60);
    expect(fake.stats.byRoute.get('POST /crm/v3/objects/tasks/batch/create')).toBe(1);
    expectPortalMatchesPlan(fake, { ...plan, writes: [] }, []);
  });

  it('keeps under the portal limit: no 429 from the fake at a 10-per-second window', async () => {
    fake = await startFakeHubspot({ limits: { max: 10, windowMs: 1000 } });
    const plan = seedSyntheticPlan(fake.store, { accounts: 2500, taskEvery: 1_000_000 });
    const connector = await connectTo(fake, { installationId: 'p', requestsInFlight: 6 });
    const started = Date.now();
    expect(failures(await connector.writeFields(plan.writes))).toEqual([]);
    // 25 calls at 10 per second: the third window at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(connector.apiCalls).toBe(25);
    expect(fake.stats.rateLimited).toBe(0);
  });
});

describe('HubSpot daily limit against the fake portal', () => {
  it('stops cleanly on DAILY with the settled results, and the next day finishes with the planned end state', async () => {
    fake = await startFakeHubspot({ limits: { max: 50, windowMs: 1000, daily: 3 } });
    const plan = seedSyntheticPlan(fake.store, { accounts: 500, taskEvery: 1_000_000 });
    const first = await connectTo(fake, { installationId: 'p', requestsInFlight: 1 });
    const error: unknown = await first.writeFields(plan.writes).catch((caught: unknown) => caught);
    expect(isQuotaStop(error)).toBe(true);
    const settled = isQuotaStop(error) ? error.partial.filter((result) => result.ok).map((result) => result.key) : [];
    expect(settled).toHaveLength(300);

    fake.limits.resetDaily();
    const resumed = await connectTo(fake, { installationId: 'p' });
    const rest = plan.writes.filter((write) => !settled.includes(write.account_id));
    expect(failures(await resumed.writeFields(rest))).toEqual([]);
    expect(resumed.apiCalls).toBe(2);
    expectPortalMatchesPlan(fake, { ...plan, tasks: [] });
  });
});
