/**
 * `pulse sync --crm salesforce` end to end: the real sync job, the jsforce-based connector, a real
 * PostgreSQL state store and the local fake Salesforce, with and without faults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';
import { seededRandom } from '../../support/fake-hubspot/plan';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

const AS_OF = '2024-02-20';
/** Accounts the org does not hold: reported as unmatched, never written. */
const UNMATCHED = ['acct-0005', 'acct-0017'];

interface PlanJson {
  accounts: { account_id: string; changes: { field: string; new: unknown }[]; tasks: { key: string }[]; triggers: { key: string }[] }[];
}

describe('pulse sync --crm salesforce against the fake Salesforce', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-salesforce-sync-'));
  let warehouse = '';
  beforeAll(async () => {
    warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(fake: FakeSalesforce, label: string) {
    const accountIds = new Map<string, string>();
    for (let i = 0; i < 24; i++) {
      const id = `acct-${String(i).padStart(4, '0')}`;
      if (!UNMATCHED.includes(id)) accountIds.set(id, fake.org.seedAccount({ Name: `Company ${i}`, Pulse_Account_Id__c: id }));
    }
    const env = { SALESFORCE_INSTANCE_URL: fake.baseUrl, SALESFORCE_ACCESS_TOKEN: fake.accessToken, DATABASE_URL: await testDatabaseUrl(label) };
    const cwd = mkdtempSync(join(dir, `${label}-`));
    const args = (...rest: string[]) => [...rest, '--crm', 'salesforce', '--warehouse', warehouse, '--as-of', AS_OF];
    const plan = await runCli(args('plan', '--format', 'json'), { cwd, env });
    expect(plan.stderr).not.toMatch(/unexpected error/);
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout) as PlanJson;
    const sync = () => runCli(args('sync'), { cwd, env });
    return { accountIds, planned, sync, cwd, env };
  }

  it('writes every matched Account, upserts each task once, publishes each trigger keyed, and a second run writes nothing', async () => {
    const fake = await startFakeSalesforce();
    try {
      const { accountIds, planned, sync } = await run(fake, 'sf_sync');
      const first = await sync();
      expect(first.stderr).not.toMatch(/unexpected error/);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Synced to Salesforce 00D000000000001AAA as of 2024-02-20/);
      expect(first.stdout).toMatch(/Run 1: 24 accounts read, 22 changed, 22 written, 0 unchanged, 0 rejected, 2 unmatched/);

      for (const account of planned.accounts) {
        const record = fake.org.records.Account.get(accountIds.get(account.account_id) as string);
        for (const change of account.changes) {
          if (change.field.endsWith('_At__c')) expect(typeof record?.fields[change.field]).toBe('string');
          else expect(record?.fields[change.field]).toEqual(change.new);
        }
      }
      const taskKeys = [...fake.org.records.Task.values()].map((task) => task.fields.Pulse_Task_Key__c).sort();
      expect(taskKeys.length).toBeGreaterThan(0);
      expect(taskKeys).toEqual(planned.accounts.flatMap((a) => a.tasks.map((t) => t.key)).sort());
      for (const task of fake.org.records.Task.values()) {
        const accountId = String(task.fields.Pulse_Task_Key__c).split(':')[0] as string;
        expect(task.fields.WhatId).toBe(accountIds.get(accountId));
        expect(task.fields.Status).toBe('Not Started');
      }
      const eventAccounts = fake.org.events.map((event) => event.fields.Pulse_Account_Id__c);
      expect(eventAccounts.length).toBe(planned.accounts.flatMap((a) => a.triggers).length);

      const calls = fake.stats.requests;
      const second = await sync();
      expect(second.stdout).toMatch(/Run 2: 24 accounts read, 0 changed, 0 written, 22 unchanged, 0 rejected, 2 unmatched; 0 tasks created, 0 trigger events/);
      // The org id read, and one query for the two unmatched accounts, in case they were created since.
      expect(fake.stats.requests - calls).toBe(2);
      expect(fake.org.records.Task.size).toBe(taskKeys.length);
    } finally {
      await fake.close();
    }
  });

  it('with 503s, dropped connections and writes applied but unanswered, the org ends exactly as planned', async () => {
    const fake = await startFakeSalesforce({ random: seededRandom(5) });
    try {
      const { accountIds, planned, sync } = await run(fake, 'sf_faults');
      fake.faults.add({ fault: { kind: 'status', status: 503 }, probability: 0.1 });
      fake.faults.add({ fault: { kind: 'drop', when: 'before' }, probability: 0.05 });
      fake.faults.add({ fault: { kind: 'drop', when: 'after' }, probability: 0.1 });
      const first = await sync();
      expect(first.stderr).not.toMatch(/unexpected error/);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/22 written, 0 unchanged, 0 rejected, 2 unmatched/);
      expect([...fake.faults.applied.values()].reduce((n, c) => n + c, 0)).toBeGreaterThan(0);
      for (const account of planned.accounts) {
        const record = fake.org.records.Account.get(accountIds.get(account.account_id) as string);
        for (const change of account.changes) if (!change.field.endsWith('_At__c')) expect(record?.fields[change.field]).toEqual(change.new);
      }
      const taskKeys = [...fake.org.records.Task.values()].map((task) => task.fields.Pulse_Task_Key__c).sort();
      expect(taskKeys).toEqual(planned.accounts.flatMap((a) => a.tasks.map((t) => t.key)).sort());
    } finally {
      await fake.close();
    }
  });
});
