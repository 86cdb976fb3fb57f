import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import nock from 'nock';
import { writeManifests } from '../../../src/catalog';
import { hubspotManifests } from '../../../src/catalog/hubspot-manifest';
import { crmSetupCommand } from '../../../src/commands/crm-setup';
import { manifestsCommand } from '../../../src/commands/manifests';
import { parseEncryptionKey } from '../../../src/crypto';
import { isPulseError, type PulseErrorCode } from '../../../src/errors';
import { openCredentials, openStateStore, sealCredentials } from '../../../src/sync/state';
import { testDatabaseUrl } from '../../support/test-database';

/** The two commands as a user runs them: environment in, text out, a PulseError for the CLI to print. */
const HUBSPOT_TOKEN = 'fake-hubspot-token-for-command-tests';
const SALESFORCE_TOKEN = 'fake-salesforce-token-for-command-tests';
const repoRoot = path.resolve(__dirname, '../../..');

function capture(): { write(text: string): void; text(): string } {
  let buffer = '';
  return { write: (text) => void (buffer += text), text: () => buffer };
}

async function run(command: Command, args: string[]): Promise<unknown> {
  command.exitOverride();
  return command.parseAsync(args, { from: 'user' }).then(() => undefined, (error: unknown) => error);
}

function expectPulseError(error: unknown, code: PulseErrorCode): string {
  expect(isPulseError(error) && error.code).toBe(code);
  return (error as Error).message;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('pulse crm setup', () => {
  it('says there is nothing to change against a HubSpot portal already in step, without printing the token', async () => {
    const base = 'https://hubspot.command.test';
    for (const manifest of hubspotManifests()) {
      nock(base).get(`/crm/v3/properties/${manifest.objectType}/groups`).reply(200, { results: [manifest.group] });
      nock(base).get(`/crm/v3/properties/${manifest.objectType}`).query(true).reply(200, { results: manifest.properties });
    }
    const out = capture();
    const error = await run(crmSetupCommand({ HUBSPOT_ACCESS_TOKEN: HUBSPOT_TOKEN, HUBSPOT_BASE_URL: base }, out), ['setup', '--crm', 'hubspot']);
    expect(error).toBeUndefined();
    expect(nock.isDone()).toBe(true);
    expect(out.text()).toMatch(/^HubSpot: nothing to change/);
    expect(out.text()).not.toContain(HUBSPOT_TOKEN);
  });

  it('sets up an OAuth installation of HubSpot: refreshes through the 2026-03 endpoint, then calls with the new token', async () => {
    const base = 'https://hubspot.command.test';
    nock(base).post('/oauth/2026-03/token').reply(200, { access_token: 'setup-access', expires_in: 1800 });
    for (const manifest of hubspotManifests()) {
      nock(base, { reqheaders: { authorization: 'Bearer setup-access' } }).get(`/crm/v3/properties/${manifest.objectType}/groups`).reply(200, { results: [manifest.group] });
      nock(base, { reqheaders: { authorization: 'Bearer setup-access' } }).get(`/crm/v3/properties/${manifest.objectType}`).query(true).reply(200, { results: manifest.properties });
    }
    const out = capture();
    const env = { HUBSPOT_REFRESH_TOKEN: 'setup-refresh', HUBSPOT_CLIENT_ID: 'app-id', HUBSPOT_CLIENT_SECRET: 'app-secret', HUBSPOT_BASE_URL: base };
    const error = await run(crmSetupCommand(env, out), ['setup', '--crm', 'hubspot']);
    expect(error).toBeUndefined();
    expect(nock.isDone()).toBe(true);
    expect(out.text()).toMatch(/^HubSpot: nothing to change/);
    for (const secret of ['setup-access', 'setup-refresh', 'app-secret']) expect(out.text()).not.toContain(secret);
  });

  it('keeps the pair a named installation\'s setup refreshed, sealed with the installation', async () => {
    const base = 'https://hubspot.command.test';
    const key = 'b'.repeat(64);
    const state = { databaseUrl: await testDatabaseUrl('crm_setup'), dir: '/nonexistent' };
    const env = { DATABASE_URL: state.databaseUrl, PULSE_ENCRYPTION_KEY: key, HUBSPOT_CLIENT_ID: 'app-id', HUBSPOT_CLIENT_SECRET: 'app-secret' };
    nock.enableNetConnect('127.0.0.1');
    try {
      let store = await openStateStore(state);
      const expired = { HUBSPOT_ACCESS_TOKEN: 'old-access', HUBSPOT_REFRESH_TOKEN: 'old-refresh', HUBSPOT_TOKEN_EXPIRES_AT: new Date(Date.now() - 60_000).toISOString(), HUBSPOT_BASE_URL: base };
      await store.addInstallation({ name: 'hubspot-77', crm: 'hubspot', crmAccountId: '77', credentials: sealCredentials(expired, parseEncryptionKey(key)), warehouseUrl: null, configFile: null, schedule: '0 6 * * *' });
      await store.close();
      nock(base).post('/oauth/2026-03/token', (body: string) => new URLSearchParams(body).get('refresh_token') === 'old-refresh').reply(200, { access_token: 'new-access', refresh_token: 'rotated-refresh', expires_in: 1800 });
      for (const manifest of hubspotManifests()) {
        nock(base, { reqheaders: { authorization: 'Bearer new-access' } }).get(`/crm/v3/properties/${manifest.objectType}/groups`).reply(200, { results: [manifest.group] });
        nock(base, { reqheaders: { authorization: 'Bearer new-access' } }).get(`/crm/v3/properties/${manifest.objectType}`).query(true).reply(200, { results: manifest.properties });
      }
      const error = await run(crmSetupCommand(env, capture()), ['setup', '--installation', 'hubspot-77']);
      expect(error).toBeUndefined();
      expect(nock.isDone()).toBe(true);
      store = await openStateStore(state);
      const kept = openCredentials((await store.findInstallationByName('hubspot-77'))?.credentials ?? '', parseEncryptionKey(key), 'hubspot');
      await store.close();
      expect(kept).toMatchObject({ HUBSPOT_ACCESS_TOKEN: 'new-access', HUBSPOT_REFRESH_TOKEN: 'rotated-refresh', HUBSPOT_BASE_URL: base });
    } finally {
      nock.disableNetConnect();
    }
  });

  it('names missing environment keys, never their values', async () => {
    const error = await run(crmSetupCommand({ SALESFORCE_ACCESS_TOKEN: SALESFORCE_TOKEN }, capture()), ['setup', '--crm', 'salesforce']);
    const message = expectPulseError(error, 'CRM_NOT_CONFIGURED');
    expect(message).toContain('SALESFORCE_INSTANCE_URL');
    expect(message).not.toContain(SALESFORCE_TOKEN);
    const hubspot = await run(crmSetupCommand({ HUBSPOT_BASE_URL: 'https://hubspot.command.test' }, capture()), ['setup', '--crm', 'hubspot']);
    expect(expectPulseError(hubspot, 'CRM_NOT_CONFIGURED')).toContain('HUBSPOT_ACCESS_TOKEN');
  });

  it('fails on a bad setting through the parsed configuration, naming the key', async () => {
    const error = await run(crmSetupCommand({ HUBSPOT_ACCESS_TOKEN: HUBSPOT_TOKEN, HUBSPOT_BASE_URL: 'not a url' }, capture()), ['setup', '--crm', 'hubspot']);
    const message = expectPulseError(error, 'CONFIG_INVALID');
    expect(message).toContain('HUBSPOT_BASE_URL');
    expect(message).not.toContain(HUBSPOT_TOKEN);
  });

  it('fails with CRM_SCHEMA_MISMATCH and prints the deploy command when the Salesforce org lacks the fields', async () => {
    const instance = 'https://command.my.salesforce.test';
    for (const object of ['Account', 'Task', 'Pulse_Playbook__e']) {
      nock(instance).get(`/services/data/v61.0/sobjects/${object}/describe`).reply(200, { name: object, fields: [] });
    }
    const out = capture();
    const env = { SALESFORCE_INSTANCE_URL: instance, SALESFORCE_ACCESS_TOKEN: SALESFORCE_TOKEN, SALESFORCE_API_VERSION: '61.0' };
    const error = await run(crmSetupCommand(env, out), ['setup', '--crm', 'salesforce']);
    expect(expectPulseError(error, 'CRM_SCHEMA_MISMATCH')).toMatch(/field\(s\) missing/);
    expect(nock.isDone()).toBe(true);
    expect(out.text()).toContain('missing  Account.Pulse_Health_Score__c (double)');
    expect(out.text()).toContain('sf project deploy start --source-dir force-app');
    expect(out.text()).not.toContain(SALESFORCE_TOKEN);
  });
});

describe('pulse manifests --check', () => {
  it('passes on the committed checkout', async () => {
    const out = capture();
    expect(await run(manifestsCommand(out), ['--check', '--root', repoRoot])).toBeUndefined();
    expect(out.text()).toBe('manifests: up to date with the catalog\n');
  });

  it('fails with MANIFEST_DRIFT naming the drifted file', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-check-'));
    try {
      writeManifests(tmp);
      fs.appendFileSync(path.join(tmp, 'manifests/hubspot/properties/tasks.json'), '\n');
      const message = expectPulseError(await run(manifestsCommand(capture()), ['--check', '--root', tmp]), 'MANIFEST_DRIFT');
      expect(message).toMatch(/manifests\/hubspot\/properties\/tasks.json: line \d+: expected \(end of file\), found ""/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
