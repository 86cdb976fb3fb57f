/**
 * A Salesforce installation through the JWT bearer flow (in-process, PostgreSQL): the key file's PEM is
 * sealed with the installation, so runs work after the file is gone; the run's key file is removed;
 * renewed sessions replace SALESFORCE_ACCESS_TOKEN in the sealed map and leave the rest of it alone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSalesforce } from '../../support/fake-salesforce';
import { ORG_ID } from '../../support/fake-salesforce/routes/oauth-token';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';
import { parseEncryptionKey } from '../../../src/crypto';
import { openCredentials, openStateStore } from '../../../src/sync/state';

const AS_OF = '2024-02-20';
const KEY = '7'.repeat(64);
const keyDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('pulse-key-')).sort();

describe('pulse installations with Salesforce (JWT bearer flow)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-installations-sf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the private key sealed, not its path; syncs after the file is gone; keeps renewed sessions in the map', async () => {
    const warehouse = `duckdb:${await writeExamplesDuckDb(dir)}`;
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyPath = join(dir, 'integration-user.pem');
    writeFileSync(keyPath, pem);
    const username = 'integration@globex.example';
    const fake = await startFakeSalesforce({ clientId: 'globex-client', jwtPublicKey: keys.publicKey, jwtUsername: username, accessToken: 'never-given', sessionExpiresEvery: 4 });
    try {
      for (let i = 0; i < 24; i++) fake.org.seedAccount({ Name: `Company ${i}`, Pulse_Account_Id__c: `acct-${String(i).padStart(4, '0')}` });
      const base = { DATABASE_URL: await testDatabaseUrl('installations_salesforce'), PULSE_ENCRYPTION_KEY: KEY };
      const credentials = {
        SALESFORCE_INSTANCE_URL: fake.baseUrl,
        SALESFORCE_LOGIN_URL: fake.baseUrl,
        SALESFORCE_USERNAME: username,
        SALESFORCE_PRIVATE_KEY_PATH: keyPath,
        SALESFORCE_CLIENT_ID: 'globex-client',
        SALESFORCE_API_VERSION: '61.0',
      };
      const pulse = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env: { ...base, ...env } });

      const add = await pulse(['installations', 'add', 'globex', '--crm', 'salesforce', '--warehouse', warehouse, '--schedule', '30 5 * * *'], credentials);
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(add.stdout).toMatch(new RegExp(`^Added installation "globex": Salesforce ${ORG_ID}, .*schedule "30 5 \\* \\* \\*" \\(UTC; next run \\d{4}-\\d\\d-\\d\\dT05:30:00\\.000Z\\)`));
      rmSync(keyPath);

      const keyDirsBefore = keyDirs();
      const sync = await pulse(['sync', '--installation', 'globex', '--as-of', AS_OF]);
      expect(sync.stderr).not.toMatch(/unexpected error/);
      expect(sync.code).toBe(0);
      expect(sync.stdout).toMatch(new RegExp(`^Synced to Salesforce ${ORG_ID} \\(installation globex\\) as of ${AS_OF}\\.\\nRun 1: 24 accounts read, 24 changed, 24 written`));
      expect(fake.stats.sessionsExpired).toBeGreaterThan(0);
      // The key was written for the run only.
      expect(keyDirs()).toEqual(keyDirsBefore);

      const jwtGrants = fake.sessions.grants.filter((grant) => grant.ok && grant.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer');
      expect(jwtGrants.length).toBeGreaterThan(1);
      const store = await openStateStore({ databaseUrl: base.DATABASE_URL, dir });
      try {
        const globex = await store.findInstallationByName('globex');
        expect(globex?.credentials).not.toContain('PRIVATE KEY');
        const variables = openCredentials(globex?.credentials as string, parseEncryptionKey(KEY), 'salesforce');
        expect(variables).toEqual({
          SALESFORCE_INSTANCE_URL: fake.baseUrl,
          SALESFORCE_LOGIN_URL: fake.baseUrl,
          SALESFORCE_USERNAME: username,
          SALESFORCE_CLIENT_ID: 'globex-client',
          SALESFORCE_PRIVATE_KEY: pem,
          SALESFORCE_API_VERSION: '61.0',
          WAREHOUSE_URL: warehouse,
          // The last session the run obtained, kept for the next one.
          SALESFORCE_ACCESS_TOKEN: jwtGrants.at(-1)?.accessToken,
        });
      } finally {
        await store.close();
      }
    } finally {
      await fake.close();
    }
  });
});
