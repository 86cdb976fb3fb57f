import { createHubspotConnector } from '../connectors/crm/hubspot';
import type { WriteResult } from '../connectors/crm/types';
import { startFakeHubspot, type FakeHubspot } from '../tests/support/fake-hubspot';
import { seededRandom, seedSyntheticPlan, type SyntheticPlan } from '../tests/support/fake-hubspot/plan';
import { parseBenchArgs, rateFor } from './hubspot-args';

/**
 * `npm run bench:hubspot -- --accounts 10000`: the HubSpot connector against the local fake limited to R
 * requests per second, through the real SDK. Prints achieved rate over allowed, calls per 1,000 changed
 * accounts, records lost or duplicated, 429s; then a second run with nothing changed.
 */
const TASK_EVERY = 10;

/**
 * Lost: a planned property value or task the portal does not hold. Duplicated: a record twice (a task key
 * held by two tasks; companies are updated in place). Rewrites: a property written again with the same
 * value, by a retry after an answer was lost: idempotent, but counted so the cost shows.
 */
function lostAndDuplicated(fake: FakeHubspot, plan: SyntheticPlan): { lost: number; duplicated: number; rewrites: number } {
  let lost = 0;
  let rewrites = 0;
  for (const write of plan.writes) {
    const held = fake.store.find('companies', write.record_id)?.properties ?? {};
    for (const [name, value] of Object.entries(write.values)) {
      if (held[name] !== value) lost += 1;
      rewrites += Math.max(0, (fake.store.writes.get(`companies/${write.record_id}/${name}`) ?? 0) - 1);
    }
  }
  const keys = [...fake.store.records.tasks.values()].map((task) => task.properties.pulse_task_key);
  const held = new Set(keys);
  lost += plan.tasks.filter((task) => !held.has(task.key)).length;
  return { lost, duplicated: keys.length - held.size, rewrites };
}

const failed = (results: readonly WriteResult[]): number => results.filter((result) => !result.ok).length;

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const rate = args.rate ?? rateFor(args.accounts, TASK_EVERY, args.seconds);
  const max = Math.max(1, Math.round(rate * 10));
  const fake = await startFakeHubspot({ limits: { max, windowMs: 10_000 }, random: seededRandom(3) });
  try {
    const plan = seedSyntheticPlan(fake.store, { accounts: args.accounts, taskEvery: TASK_EVERY });
    if (args.faults) {
      fake.faults.add({ fault: { kind: 'status', status: 502 }, probability: 0.03 });
      fake.faults.add({ fault: { kind: 'drop', when: 'after' }, probability: 0.02 });
      fake.faults.add({ fault: { kind: 'slow', ms: 300 }, probability: 0.05 });
    }
    console.log(`HubSpot bench: ${args.accounts} accounts, ${plan.tasks.length} tasks; fake limit ${max} requests / 10 s (R = ${max / 10}/s)${args.faults ? ', faults on' : ''}`);
    const connector = await createHubspotConnector({ accessToken: fake.token, baseUrl: fake.baseUrl, rateLimitPer10s: 100, installationId: 'bench' });
    const started = Date.now();
    await connector.resolveRecords(plan.hints);
    const resolveCalls = connector.apiCalls;
    const fieldResults = await connector.writeFields(plan.writes);
    const fieldCalls = connector.apiCalls - resolveCalls;
    const taskResults = await connector.createTasks(plan.tasks);
    const seconds = (Date.now() - started) / 1000;
    const taskCalls = connector.apiCalls - resolveCalls - fieldCalls;

    const windowSeconds = ((fake.stats.lastAt ?? 0) - (fake.stats.firstAt ?? 0)) / 1000;
    const achieved = fake.stats.admitted / Math.max(windowSeconds, 0.001);
    // A sliding window admits a full window at once, then R per second: the most any client could send in T seconds.
    const capacity = max * (windowSeconds / 10 + 1);
    const { lost, duplicated, rewrites } = lostAndDuplicated(fake, plan);
    const perThousand = (calls: number): string => ((calls / args.accounts) * 1000).toFixed(1);
    console.log(`run 1: ${connector.apiCalls} calls in ${seconds.toFixed(1)} s (resolve ${resolveCalls}, properties ${fieldCalls}, tasks ${taskCalls})`);
    console.log(`  achieved ${achieved.toFixed(2)} req/s over allowed ${(max / 10).toFixed(2)} req/s = ${(achieved / (max / 10)).toFixed(2)}` +
      ` (includes the first window's burst; admitted / window capacity over the run = ${(fake.stats.admitted / capacity).toFixed(2)})`);
    console.log(`  API calls per 1,000 changed accounts: properties ${perThousand(fieldCalls)}, all ${perThousand(connector.apiCalls)}`);
    console.log(`  records lost ${lost}, duplicated ${duplicated}; failed results: fields ${failed(fieldResults)}, tasks ${failed(taskResults)}` +
      `; property values rewritten (same value) by retries after a lost answer: ${rewrites}`);
    console.log(`  429s received ${connector.caller.rateLimited}; retries ${JSON.stringify(Object.fromEntries(connector.caller.retries))}; faults ${JSON.stringify(Object.fromEntries(fake.faults.applied))}`);

    // The engine calls the connector only for what changed since the last accepted write; with nothing
    // changed its plan is empty. This shows the connector's side of that: an empty plan makes no call.
    const rerun = await createHubspotConnector({ accessToken: fake.token, baseUrl: fake.baseUrl, installationId: 'bench' });
    await rerun.resolveRecords([]);
    await rerun.writeFields([]);
    await rerun.createTasks([]);
    console.log(`run 2 (no changes; the connector driven with the empty plan the engine would produce): ${rerun.apiCalls} calls`);
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
