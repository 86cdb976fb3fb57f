/**
 * `configForInstallation`, the function the worker builds each run with (PostgreSQL, in-process): the
 * installation's sealed variables, warehouse and config file over the deployment's environment; and a
 * run refused when the stored credentials open another account than the one the installation was added for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeHubspot } from '../../support/fake-hubspot';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';
import { configForInstallation } from '../../../src/commands/installation-config';
import { parseEncryptionKey } from '../../../src/crypto';
import { openCredentials, openStateStore, sealCredentials } from '../../../src/sync/state';

const KEY = '3'.repeat(64);

describe('configForInstallation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-installation-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lays the installation over the environment: its credentials (never the shell\'s), warehouse and config file', async () => {
    const fake = await startFakeHubspot({ portalId: 1001, token: 'pat-na1-acme' });
    const other = await startFakeHubspot({ portalId: 2002, token: 'pat-na1-other' });
    try {
      const configFile = join(dir, 'acme.yaml');
      writeFileSync(configFile, 'crm:\n  hubspot:\n    match_by_domain: true\n');
      const databaseUrl = await testDatabaseUrl('installation_config');
      const deployment = { DATABASE_URL: databaseUrl, PULSE_ENCRYPTION_KEY: KEY };
      const warehouse = 'postgres://analyst:s3cret@dw.acme.internal:5432/analytics';
      const add = await runCli(['installations', 'add', 'acme', '--crm', 'hubspot', '--warehouse', warehouse, '--config', 'acme.yaml'], {
        cwd: dir,
        env: { ...deployment, HUBSPOT_ACCESS_TOKEN: fake.token, HUBSPOT_BASE_URL: fake.baseUrl },
      });
      expect(add.stderr).toBe('');
      expect(add.stdout).toContain('warehouse postgres://analyst:***@dw.acme.internal:5432/analytics');
      expect(add.stdout).not.toContain('s3cret');

      const store = await openStateStore({ databaseUrl, dir });
      try {
        const shell = { ...deployment, HUBSPOT_ACCESS_TOKEN: 'pat-na1-shell', SALESFORCE_REFRESH_TOKEN: 'shell-refresh', WAREHOUSE_URL: 'duckdb:elsewhere.duckdb' };
        const { config, installation, release } = await configForInstallation(store, 'acme', shell, dir);
        release();
        expect(installation).toMatchObject({ name: 'acme', crm: 'hubspot', crmAccountId: '1001', warehouseUrl: 'postgres://analyst:***@dw.acme.internal:5432/analytics', configFile, status: 'active' });
        expect(config.crm.hubspot).toMatchObject({ accessToken: fake.token, baseUrl: fake.baseUrl, matchByDomain: true });
        expect(config.crm.salesforce.refreshToken).toBeUndefined();
        expect(config.warehouse.url).toBe(warehouse);
        expect(config.source).toBe(configFile);
        expect(config.state.databaseUrl).toBe(databaseUrl);

        await expect(configForInstallation(store, 'nobody', shell, dir)).rejects.toMatchObject({ code: 'INPUT_INVALID', message: 'no installation named "nobody"' });
        await expect(configForInstallation(store, 'acme', { DATABASE_URL: databaseUrl }, dir)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/PULSE_ENCRYPTION_KEY is not set/) });

        // The worker's verdict shows in the list, and an installation that needs attention is not scheduled.
        expect(await store.setInstallationStatus('acme', 'needs_attention', 'HubSpot refused the token (HTTP 401)')).toBe(true);
        expect(await store.setInstallationStatus('nobody', 'paused', null)).toBe(false);
        const listed = await runCli(['installations', 'list', '--format', 'json'], { cwd: dir, env: deployment });
        expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'acme', status: 'needs_attention', status_reason: 'HubSpot refused the token (HTTP 401)', next_run: null })]);
        const table = await runCli(['installations', 'list'], { cwd: dir, env: deployment });
        expect(table.stdout).toMatch(/ - +needs_attention: HubSpot refused the token \(HTTP 401\)\n?$/);
        expect(table.stdout).not.toContain('s3cret');
        await runCli(['installations', 'resume', 'acme'], { cwd: dir, env: deployment });
        expect((await store.findInstallationByName('acme'))).toMatchObject({ status: 'active', statusReason: null });

        // Credentials that now open another portal: the run is refused before anything is read or written.
        const key = parseEncryptionKey(KEY);
        const variables = openCredentials(installation.credentials as string, key, 'hubspot');
        await store.saveCredentials(installation.id, sealCredentials({ ...variables, HUBSPOT_ACCESS_TOKEN: other.token, HUBSPOT_BASE_URL: other.baseUrl }, key));
      } finally {
        await store.close();
      }
      const plan = await runCli(['plan', '--installation', 'acme', '--warehouse', 'duckdb:unused.duckdb'], { cwd: dir, env: deployment });
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(/^pulse: installation "acme" was added for HubSpot 1001, but its credentials now open HubSpot 2002 \(installation acme\)\n {2}hint: pulse installations remove acme, then add it again/);
    } finally {
      await fake.close();
      await other.close();
    }
  });
});
