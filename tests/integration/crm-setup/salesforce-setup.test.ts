import nock from 'nock';
import { openSalesforceLink } from '../../../connectors/crm/salesforce/link';
import { checkSalesforce, describeSalesforceCheck, salesforceCheckPassed } from '../../../connectors/crm/salesforce/setup';
import { expectedFields, type ExpectedField } from '../../../connectors/crm/salesforce/setup-compare';
import { isPulseError } from '../../../src/errors';
import { isQuotaStop } from '../../../src/sync/ports';

/** `pulse crm setup --crm salesforce` through the real jsforce Connection, HTTP answered by nock. */
const INSTANCE = 'https://pulse-test.my.salesforce.test';
const TOKEN = 'fake-salesforce-token-for-tests';
const auth = { reqheaders: { authorization: `Bearer ${TOKEN}` } };

/** A describe field as Salesforce answers it, for an expected field (overridable). */
function describedField(field: ExpectedField, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: field.name,
    label: field.name,
    type: field.type,
    custom: true,
    externalId: field.externalId === true,
    unique: field.externalId === true,
    length: 0,
    picklistValues: (field.picklistValues ?? []).map((value) => ({ value, label: value, active: true, defaultValue: false })),
    ...overrides,
  };
}

function answerDescribe(object: string, fields: Record<string, unknown>[]): void {
  const standard = { name: 'Name', type: 'string', externalId: false, unique: false, picklistValues: [] };
  nock(INSTANCE, auth).get(`/services/data/v60.0/sobjects/${object}/describe`).reply(200, { name: object, fields: [standard, ...fields] });
}

function expectedOf(object: string): ExpectedField[] {
  return expectedFields().filter((field) => field.object === object);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Salesforce setup check', () => {
  const conn = () => openSalesforceLink({ instanceUrl: INSTANCE, accessToken: TOKEN, version: '60.0', retryPolicy: { baseMs: 5, capMs: 20 } });

  it('passes an org that has every field with the right type', async () => {
    for (const object of ['Account', 'Task', 'Pulse_Playbook__e']) answerDescribe(object, expectedOf(object).map((field) => describedField(field)));
    const report = await checkSalesforce(conn());
    expect(nock.isDone()).toBe(true);
    expect(report).toEqual({ missing: [], mismatched: [], ok: expectedFields().length });
    expect(salesforceCheckPassed(report)).toBe(true);
  });

  it('reports a missing field, a wrong-type field, a short picklist and an undeployed platform event, with the deploy command', async () => {
    const account = expectedOf('Account')
      .filter((field) => field.name !== 'Pulse_Commit_Exhaustion_Date__c')
      .map((field) => {
        if (field.name === 'Pulse_Health_Score__c') return describedField(field, { type: 'string' });
        if (field.name === 'Pulse_Trend__c') return describedField(field, { picklistValues: [{ value: 'growing', active: true }, { value: 'stable', active: true }, { value: 'Flat', active: true }] });
        if (field.name === 'Pulse_Account_Id__c') return describedField(field, { unique: false });
        return describedField(field);
      });
    answerDescribe('Account', account);
    answerDescribe('Task', []);
    nock(INSTANCE, auth)
      .get('/services/data/v60.0/sobjects/Pulse_Playbook__e/describe')
      .reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);

    const report = await checkSalesforce(conn());
    expect(nock.isDone()).toBe(true);
    expect(report.missing).toEqual([
      'Account.Pulse_Commit_Exhaustion_Date__c (date)',
      'Task.Pulse_Task_Key__c (string)',
      ...expectedOf('Pulse_Playbook__e').map((field) => `Pulse_Playbook__e.${field.name} (${field.type})`),
    ]);
    expect(report.mismatched).toEqual([
      'Account.Pulse_Account_Id__c: must be a unique External ID',
      'Account.Pulse_Health_Score__c: type is string, the catalog needs double',
      'Account.Pulse_Trend__c: picklist lacks inactive, stopped, new, declining',
      'Account.Pulse_Trend__c: picklist has values the catalog does not: Flat',
    ]);
    expect(salesforceCheckPassed(report)).toBe(false);
    const text = describeSalesforceCheck(report);
    expect(text).toContain('cd manifests/salesforce && sf project deploy start --source-dir force-app');
    expect(text).toContain('sf org assign permset --name Consumption_Pulse');
    expect(text).not.toContain(TOKEN);
  });

  it('maps an expired token to CRM_AUTH_FAILED without printing the token', async () => {
    nock(INSTANCE).get('/services/data/v60.0/sobjects/Account/describe').reply(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    const error: unknown = await checkSalesforce(conn()).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_AUTH_FAILED');
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(nock.isDone()).toBe(true);
  });

  it('retries a describe through 5xx answers, with jsforce\'s own retries off', async () => {
    const path = '/services/data/v60.0/sobjects/Account/describe';
    nock(INSTANCE, auth).get(path).reply(503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }]);
    nock(INSTANCE, auth).get(path).reply(500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' }]);
    nock(INSTANCE, auth).get(path).reply(503, 'Service Unavailable', { 'content-type': 'text/plain' });
    answerDescribe('Account', expectedOf('Account').map((field) => describedField(field)));
    answerDescribe('Task', expectedOf('Task').map((field) => describedField(field)));
    answerDescribe('Pulse_Playbook__e', expectedOf('Pulse_Playbook__e').map((field) => describedField(field)));
    const link = conn();
    const report = await checkSalesforce(link);
    expect(nock.isDone()).toBe(true);
    expect(salesforceCheckPassed(report)).toBe(true);
    expect(link.caller.calls).toBe(6);
    expect(Object.fromEntries(link.caller.retries)).toEqual({ 'server-error': 3 });
  });

  it('stops with a quota stop when the org\'s API allocation is spent (403 REQUEST_LIMIT_EXCEEDED), making no further call', async () => {
    nock(INSTANCE, auth)
      .get('/services/data/v60.0/sobjects/Account/describe')
      .reply(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    const link = conn();
    const error: unknown = await checkSalesforce(link).catch((caught: unknown) => caught);
    expect(isQuotaStop(error)).toBe(true);
    expect(isPulseError(error) && error.code).toBe('CRM_RATE_LIMITED');
    expect(isQuotaStop(error) && Date.parse(error.resumeAt)).toBeGreaterThan(Date.now() + 3_500_000);
    expect(link.caller.calls).toBe(1);
    expect(nock.isDone()).toBe(true);
  });
});
