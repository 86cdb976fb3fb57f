import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openSalesforceLink } from '../../../connectors/crm/salesforce/link';
import { checkSalesforce, describeSalesforceCheck, salesforceCheckPassed } from '../../../connectors/crm/salesforce/setup';
import { CATALOG } from '../../../src/catalog/catalog';
import { salesforceFieldName } from '../../../src/catalog/names';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';
import { runCliProcess } from '../../support/child-process';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';

/**
 * `pulse crm setup --crm salesforce` against the fake org, whose describe answers come from the generated
 * metadata: an org with the DX project deployed passes, a fresh one lists every field to deploy by object.
 */
let fake: FakeSalesforce;
afterEach(() => fake.close());

const link = () => openSalesforceLink({ instanceUrl: fake.baseUrl, accessToken: fake.accessToken, version: '62.0', retryPolicy: { baseMs: 5, capMs: 20 } });
const names = (object: 'account' | 'task') => CATALOG.filter((entry) => entry.object === object).map(salesforceFieldName);

describe('the fake Salesforce describe endpoint', () => {
  it('answers the Pulse objects in the describe shape, and NOT_FOUND for an object the org lacks', async () => {
    fake = await startFakeSalesforce();
    const get = (object: string) => fetch(`${fake.baseUrl}/services/data/v62.0/sobjects/${object}/describe`, { headers: { authorization: `Bearer ${fake.accessToken}` } });
    const task = (await (await get('Task')).json()) as { name: string; fields: Record<string, unknown>[] };
    expect(task.name).toBe('Task');
    expect(task.fields.find((field) => field.name === 'Pulse_Task_Key__c')).toMatchObject({ type: 'string', externalId: true, unique: true, custom: true });
    expect(task.fields.find((field) => field.name === 'Priority')).toMatchObject({ type: 'picklist', picklistValues: expect.arrayContaining([expect.objectContaining({ value: 'High', active: true })]) });
    const account = (await (await get('Account')).json()) as { fields: { name: string; type: string; picklistValues: { value: string }[] }[] };
    expect(account.fields.find((field) => field.name === 'Pulse_Health_Tier__c')).toMatchObject({ type: 'picklist', picklistValues: [{ value: 'healthy' }, { value: 'watch' }, { value: 'at_risk' }].map(expect.objectContaining) });
    const unknown = await get('Opportunity');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('passes an org with the DX project deployed', async () => {
    fake = await startFakeSalesforce();
    const report = await checkSalesforce(link());
    expect(report.missing).toEqual([]);
    expect(report.mismatched).toEqual([]);
    expect(report.ok).toBe(names('account').length + names('task').length + PLAYBOOK_EVENT.fields.length);
    expect(salesforceCheckPassed(report)).toBe(true);
    expect(fake.stats.byRoute.get('GET /sobjects/Pulse_Playbook__e/describe')).toBe(1);
  });

  it('lists every missing field by object on a fresh org, the platform event being NOT_FOUND', async () => {
    fake = await startFakeSalesforce({ pulseFields: false });
    const report = await checkSalesforce(link());
    expect(report.mismatched).toEqual([]);
    expect(report.ok).toBe(0);
    expect(report.missing.map((line) => line.replace(/ \(\w+\)$/, ''))).toEqual([
      ...names('account').map((name) => `Account.${name}`),
      ...names('task').map((name) => `Task.${name}`),
      ...PLAYBOOK_EVENT.fields.map((field) => `${PLAYBOOK_EVENT.name}.${field.name}`),
    ]);
    expect(report.missing).toContain('Task.Pulse_Task_Key__c (string)');
    expect(report.missing).toContain('Pulse_Playbook__e.Key__c (string)');
    expect(describeSalesforceCheck(report)).toContain('sf project deploy start');
  });
});

describe('pulse crm setup --crm salesforce as a process', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'pulse-sf-setup-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('exits 0 and prints the all-present line against an org with the fields', async () => {
    fake = await startFakeSalesforce();
    const env = { SALESFORCE_INSTANCE_URL: fake.baseUrl, SALESFORCE_ACCESS_TOKEN: fake.accessToken };
    const run = await runCliProcess(['crm', 'setup', '--crm', 'salesforce'], { cwd, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const total = names('account').length + names('task').length + PLAYBOOK_EVENT.fields.length;
    expect(run.stdout).toBe(`Salesforce: all ${total} fields present with the right types\n`);
  });

  it('exits non-zero naming what to deploy against a fresh org, without printing the token', async () => {
    fake = await startFakeSalesforce({ pulseFields: false });
    const env = { SALESFORCE_INSTANCE_URL: fake.baseUrl, SALESFORCE_ACCESS_TOKEN: fake.accessToken };
    const run = await runCliProcess(['crm', 'setup', '--crm', 'salesforce'], { cwd, env });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('missing  Pulse_Playbook__e.Key__c (string)');
    expect(run.stderr).toMatch(/not set up/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(fake.accessToken);
  });
});
