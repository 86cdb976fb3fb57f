/**
 * A HubSpot OAuth installation's refreshed tokens are kept sealed with the installation: the pair from
 * the refresh while the connector was built, and every later one, merged into the stored map.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { loadConfig } from '../../../src/commands/config';
import { withSyncDeps } from '../../../src/commands/sync-deps';
import { parseEncryptionKey } from '../../../src/crypto';
import { openCredentials, openStateStore } from '../../../src/sync/state';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { testDatabaseUrl } from '../../support/test-database';

const BASE = 'https://hubspot.pulse.test';
const KEY = 'e'.repeat(64);
const at = '2025-01-01T00:00:00Z';

describe('withSyncDeps with a HubSpot OAuth installation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-hubspot-oauth-'));
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    nock.enableNetConnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges each refreshed pair into the sealed credentials, the deployment client secret never among them', async () => {
    // Tokens that live 60 s are inside the refresh margin: every call refreshes, so the run refreshes twice.
    nock(BASE).post('/oauth/2026-03/token').reply(200, { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 60 });
    nock(BASE).get('/account-info/v3/details').reply(200, { portalId: 555, timeZone: 'UTC', utcOffsetMilliseconds: 0 });
    nock(BASE).post('/oauth/2026-03/token').reply(200, { access_token: 'access-2', expires_in: 60 });
    nock(BASE, { reqheaders: { authorization: 'Bearer access-2' } })
      .post('/crm/v3/objects/companies/batch/update')
      .reply(200, { status: 'COMPLETE', startedAt: at, completedAt: at, results: [{ id: '1', properties: {}, createdAt: at, updatedAt: at }] });

    const env = {
      WAREHOUSE_URL: `duckdb:${await writeExamplesDuckDb(dir)}`,
      DATABASE_URL: await testDatabaseUrl('hubspot_oauth'),
      PULSE_ENCRYPTION_KEY: KEY,
      HUBSPOT_BASE_URL: BASE,
      HUBSPOT_CLIENT_ID: 'app-client-id',
      HUBSPOT_CLIENT_SECRET: 'app-client-secret',
      HUBSPOT_REFRESH_TOKEN: 'refresh-0',
    };
    const config = loadConfig(env, dir);
    await withSyncDeps('sync', 'hubspot', config, {}, async ({ deps }) => {
      expect(await deps.connector.writeFields([{ account_id: 'a', record_id: '1', values: { pulse_health_score: '5' } }])).toEqual([{ key: 'a', ok: true, crm_id: '1' }]);
    });
    expect(nock.isDone()).toBe(true);

    const store = await openStateStore({ databaseUrl: env.DATABASE_URL, dir: join(dir, 'unused-state') });
    try {
      const installation = await store.findInstallation('default', 'hubspot', '555');
      const sealed = installation === null ? null : await store.credentials(installation.id);
      expect(sealed).not.toContain('refresh-1');
      const variables = sealed === null ? null : openCredentials(sealed, parseEncryptionKey(KEY), 'hubspot');
      // The second answer left the refresh token out: the first one's is kept.
      expect(variables).toEqual({ HUBSPOT_ACCESS_TOKEN: 'access-2', HUBSPOT_REFRESH_TOKEN: 'refresh-1', HUBSPOT_TOKEN_EXPIRES_AT: expect.any(String), HUBSPOT_BASE_URL: BASE });
      expect(Date.parse(variables!.HUBSPOT_TOKEN_EXPIRES_AT!)).toBeGreaterThan(Date.now());
    } finally {
      await store.close();
    }
  });
});
