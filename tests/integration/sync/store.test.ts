import { encryptSecret, parseEncryptionKey } from '../../../src/crypto';
import { LATEST_VERSION, migrate, openStateStoreReadOnly, schemaVersion } from '../../../src/sync/state';
import { openTestStore, type Backend, type TestStore } from './harness';

describe.each<Backend>(['pglite', 'postgres'])('state store on %s', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(() => t?.cleanup());

  it('migrations are applied once and recorded', async () => {
    await migrate(t.db);
    expect(await schemaVersion(t.db)).toBe(LATEST_VERSION);
    expect(await t.db.query('select version from schema_migrations order by 1')).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => ({ version: i + 1 })));
  });

  it('an installation keeps only sealed credentials, and a run without a key does not erase them', async () => {
    const key = parseEncryptionKey('c'.repeat(64));
    const sealed = encryptSecret('pat-secret', key);
    const first = await t.store.ensureInstallation('default', 'hubspot', 'portal-1', sealed);
    expect(first).toMatchObject({ tenant: 'default', crm: 'hubspot', crmAccountId: 'portal-1', hasCredentials: true });
    const again = await t.store.ensureInstallation('default', 'hubspot', 'portal-1', null);
    expect(again.id).toBe(first.id);
    expect(await t.store.credentials(first.id)).toBe(sealed);
    expect(await t.store.findInstallation('default', 'hubspot', 'portal-2')).toBeNull();
    // Tenants are apart: the same portal under another tenant is another installation.
    expect((await t.store.ensureInstallation('acme', 'hubspot', 'portal-1', null)).id).not.toBe(first.id);
  });
});

describe('read-only state store (PostgreSQL)', () => {
  it('refuses writes at the database level', async () => {
    const t = await openTestStore('postgres');
    try {
      const store = await openStateStoreReadOnly({ databaseUrl: t.url ?? '', dir: '/nonexistent' });
      expect(store).not.toBeNull();
      await expect(store?.ensureInstallation('default', 'dry-run', 'x', null)).rejects.toThrow(/read-only transaction/);
      await store?.close();
    } finally {
      await t.cleanup();
    }
  });
});
