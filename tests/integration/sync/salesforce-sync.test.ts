/**
 * `pulse sync --crm salesforce` end to end: the real sync job, the jsforce-based connector, a real
 * PostgreSQL state store and the local fake Salesforce, with and without faults.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';
import { bulkJobsOf } from '../../support/fake-salesforce/bulk-jobs';
import { ORG_ID } from '../../support/fake-salesforce/routes/oauth-token';
import { parseEncryptionKey } from '../../../src/crypto';
import { openCredentials, openStateStore } from '../../../src/sync/state';
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

  /** `setup.env` adds to the environment; a variable set to undefined is left out. */
  async function run(fake: FakeSalesforce, label: string, setup: { config?: string; env?: Record<string, string | undefined> } = {}) {
    const accountIds = new Map<string, string>();
    for (let i = 0; i < 24; i++) {
      const id = `acct-${String(i).padStart(4, '0')}`;
      if (!UNMATCHED.includes(id)) accountIds.set(id, fake.org.seedAccount({ Name: `Company ${i}`, Pulse_Account_Id__c: id }));
    }
    const given = { SALESFORCE_INSTANCE_URL: fake.baseUrl, SALESFORCE_ACCESS_TOKEN: fake.accessToken, DATABASE_URL: await testDatabaseUrl(label), ...setup.env };
    const env = Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const cwd = mkdtempSync(join(dir, `${label}-`));
    if (setup.config !== undefined) writeFileSync(join(cwd, 'pulse.config.yaml'), setup.config);
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

  /** The org holds exactly the plan: every planned value, every planned task once, every planned trigger as one keyed event. */
  function expectOrgHoldsPlan(fake: FakeSalesforce, accountIds: Map<string, string>, planned: PlanJson): void {
    for (const account of planned.accounts) {
      const record = fake.org.records.Account.get(accountIds.get(account.account_id) as string);
      for (const change of account.changes) if (!change.field.endsWith('_At__c')) expect(record?.fields[change.field]).toEqual(change.new);
    }
    const taskKeys = [...fake.org.records.Task.values()].map((task) => task.fields.Pulse_Task_Key__c).sort();
    expect(taskKeys).toEqual(planned.accounts.flatMap((a) => a.tasks.map((t) => t.key)).sort());
    const eventKeys = fake.org.events.map((event) => event.fields.Key__c);
    expect(eventKeys.every((key) => typeof key === 'string' && key !== '')).toBe(true);
    expect([...new Set(eventKeys)].sort()).toEqual(planned.accounts.flatMap((a) => a.triggers.map((t) => t.key)).sort());
  }

  it('above crm.salesforce.bulk_threshold the fields go through one Bulk API 2.0 job, and the org ends exactly as planned', async () => {
    const fake = await startFakeSalesforce();
    try {
      const { accountIds, planned, sync } = await run(fake, 'sf_bulk', { config: 'crm:\n  salesforce:\n    bulk_threshold: 10\n' });
      const first = await sync();
      expect(first.stderr).not.toMatch(/unexpected error/);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/22 changed, 22 written, 0 unchanged, 0 rejected, 2 unmatched/);
      expect(bulkJobsOf(fake.org).uploads).toBe(1);
      expect(fake.stats.byRoute.get('PATCH /composite/sobjects') ?? 0).toBe(0);
      expectOrgHoldsPlan(fake, accountIds, planned);
      const second = await sync();
      expect(second.stdout).toMatch(/0 changed, 0 written, 22 unchanged/);
      expect(bulkJobsOf(fake.org).uploads).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('with locked rows, a session that expires every few calls (renewed by refresh token) and 5xx, Collections and Bulk both end as planned', async () => {
    for (const [label, config] of [['sf_renew_collections', ''], ['sf_renew_bulk', 'crm:\n  salesforce:\n    bulk_threshold: 10\n']] as const) {
      const fake = await startFakeSalesforce({ random: seededRandom(11), sessionExpiresEvery: 3, clientId: 'pulse-client' });
      try {
        const renewal = { SALESFORCE_REFRESH_TOKEN: fake.refreshToken, SALESFORCE_CLIENT_ID: 'pulse-client', SALESFORCE_LOGIN_URL: fake.baseUrl, PULSE_ENCRYPTION_KEY: 'd'.repeat(64) };
        const { accountIds, planned, sync, env } = await run(fake, label, { config, env: renewal });
        fake.faults.add({ fault: { kind: 'lock', positions: [0, 2] }, method: 'PATCH', path: '/composite/sobjects', times: 2 });
        fake.faults.add({ fault: { kind: 'status', status: 503 }, probability: 0.08 });
        const first = await sync();
        expect(first.stderr).not.toMatch(/unexpected error/);
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/22 written, 0 unchanged, 0 rejected, 2 unmatched/);
        expect(fake.stats.sessionsExpired).toBeGreaterThan(0);
        expect(fake.sessions.grants.filter((grant) => grant.ok && grant.grantType === 'refresh_token').length).toBeGreaterThan(0);
        expect(fake.faults.applied.get('lock')).toBe(2);
        expectOrgHoldsPlan(fake, accountIds, planned);
        // The renewed session is kept sealed with the installation, never in clear.
        const lastToken = fake.sessions.grants.filter((grant) => grant.ok).at(-1)?.accessToken;
        const store = await openStateStore({ databaseUrl: env.DATABASE_URL, dir: join(dir, 'unused-state') });
        try {
          const installation = await store.findInstallation('default', 'salesforce', ORG_ID);
          const sealed = installation === null ? null : await store.credentials(installation.id);
          expect(sealed).not.toContain(String(lastToken));
          // One map of the variables the connector authenticates with; the renewed session replaced the token in it.
          const variables = sealed === null ? null : openCredentials(sealed, parseEncryptionKey(renewal.PULSE_ENCRYPTION_KEY), 'salesforce');
          expect(variables).toEqual({
            SALESFORCE_INSTANCE_URL: fake.baseUrl,
            SALESFORCE_LOGIN_URL: fake.baseUrl,
            SALESFORCE_ACCESS_TOKEN: lastToken,
            SALESFORCE_REFRESH_TOKEN: fake.refreshToken,
            SALESFORCE_CLIENT_ID: 'pulse-client',
          });
        } finally {
          await store.close();
        }
      } finally {
        await fake.close();
      }
    }
  });

  it('stops cleanly once the org has used crm.salesforce.max_daily_api_share of its allocation, and the next day finishes the job', async () => {
    // 100 calls a day, 76 used by others: the run may take the org to 80, four calls, not enough for all its steps.
    const fake = await startFakeSalesforce({ dailyLimit: 100 });
    try {
      const { accountIds, planned, sync } = await run(fake, 'sf_share', { config: 'crm:\n  salesforce:\n    max_daily_api_share: 0.8\n' });
      fake.usage.used = 76;
      const first = await sync();
      expect(first.code).not.toBe(0);
      expect(first.stderr).toMatch(/run 1 stopped: Salesforce's API use passed the share of its quota this installation may take \(at [^)]+\); the run stopped with what landed kept: resume after \d{4}-/);
      expect(fake.usage.used).toBe(80);
      fake.usage.resetDaily();
      const second = await sync();
      expect(second.stderr).not.toMatch(/unexpected error/);
      expect(second.code).toBe(0);
      expectOrgHoldsPlan(fake, accountIds, planned);
      const eventKeys = fake.org.events.map((event) => event.fields.Key__c);
      expect(eventKeys.length).toBe(new Set(eventKeys).size);
    } finally {
      await fake.close();
    }
  });

  it('server to server: the JWT bearer flow signs its assertion with SALESFORCE_PRIVATE_KEY_PATH, with no access token given', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPath = join(dir, 'jwt-test-key.pem');
    writeFileSync(keyPath, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const fake = await startFakeSalesforce({ clientId: 'pulse-client', jwtPublicKey: keys.publicKey, jwtUsername: 'integration@pulse.example', accessToken: 'not-given-to-the-cli' });
    try {
      const jwt = { SALESFORCE_ACCESS_TOKEN: undefined, SALESFORCE_USERNAME: 'integration@pulse.example', SALESFORCE_PRIVATE_KEY_PATH: keyPath, SALESFORCE_CLIENT_ID: 'pulse-client', SALESFORCE_LOGIN_URL: fake.baseUrl };
      const { accountIds, planned, sync } = await run(fake, 'sf_jwt', { env: jwt });
      const first = await sync();
      expect(first.stderr).not.toMatch(/unexpected error/);
      expect(first.code).toBe(0);
      expectOrgHoldsPlan(fake, accountIds, planned);
      const grants = fake.sessions.grants.filter((grant) => grant.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer');
      expect(grants.length).toBeGreaterThan(0);
      expect(grants.every((grant) => grant.ok && grant.signatureVerified === true)).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('writes the history fields: the console link, and a week later the 7-day health change with its reason', async () => {
    const fake = await startFakeSalesforce();
    try {
      const { accountIds, cwd, env } = await run(fake, 'sf_history', { env: { PULSE_PUBLIC_URL: 'https://pulse.example.test' } });
      const sync = (asOf: string) => runCli(['sync', '--crm', 'salesforce', '--warehouse', warehouse, '--as-of', asOf], { cwd, env });
      expect((await sync('2024-02-13')).code).toBe(0);
      expect((await sync(AS_OF)).code).toBe(0);
      const accounts = [...accountIds.entries()].map(([id, recordId]) => ({ id, fields: fake.org.records.Account.get(recordId)?.fields ?? {} }));
      for (const { id, fields } of accounts) expect(fields.Pulse_Console_Url__c).toBe(`https://pulse.example.test/console/accounts/${id}`);
      const changes = accounts.map(({ fields }) => fields.Pulse_Health_Score_Change_7d__c).filter((v) => typeof v === 'number');
      expect(changes.length).toBeGreaterThan(0);
      expect(accounts.some(({ fields }) => typeof fields.Pulse_Health_Change_Reason__c === 'string' && / (rose|fell) from /.test(fields.Pulse_Health_Change_Reason__c))).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
