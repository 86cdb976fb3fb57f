import { encryptSecret, parseEncryptionKey } from '../../../src/crypto';
import { openTestStore, type Backend, type TestStore } from './harness';

/** The state store's CRM job ledger (`crm_jobs`, migration 4) and credential replacement, on both SQL clients. */
describe.each<Backend>(['pglite', 'postgres'])('job ledger and saved credentials on %s', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(() => t?.cleanup());

  it('remembers a job id under its key per installation, replaces it, and forgets it', async () => {
    const one = await t.store.ensureInstallation('default', 'salesforce', '00D000000000001', null);
    const two = await t.store.ensureInstallation('default', 'salesforce', '00D000000000002', null);
    const ledger = t.store.jobLedger(one.id);
    const key = 'a'.repeat(64);

    expect(await ledger.find(key)).toBeNull();
    await ledger.remember(key, '750000000000001AAA');
    expect(await ledger.find(key)).toBe('750000000000001AAA');
    // Another installation's ledger does not see it, and a fresh ledger object over the same store does.
    expect(await t.store.jobLedger(two.id).find(key)).toBeNull();
    expect(await t.store.jobLedger(one.id).find(key)).toBe('750000000000001AAA');

    // A job started over under the same key replaces the old id.
    await ledger.remember(key, '750000000000002AAA');
    expect(await ledger.find(key)).toBe('750000000000002AAA');
    expect(await t.db.query('select installation_id, key, job_id from crm_jobs order by installation_id, key')).toEqual([
      { installation_id: one.id, key, job_id: '750000000000002AAA' },
    ]);

    await ledger.forget(key);
    expect(await ledger.find(key)).toBeNull();
    // Forgetting a key that is not there is no error: a retried forget after a crash is harmless.
    await expect(ledger.forget(key)).resolves.toBeUndefined();
  });

  it('keeps created_at and refuses a job for an installation that does not exist', async () => {
    const installation = await t.store.ensureInstallation('default', 'salesforce', '00D000000000003', null);
    await t.store.jobLedger(installation.id).remember('k', '750000000000003AAA');
    const [row] = await t.db.query('select created_at from crm_jobs where installation_id = $1', [installation.id]);
    expect(Object.prototype.toString.call(row?.created_at)).toBe('[object Date]');
    await expect(t.store.jobLedger(999_999).remember('k', '750000000000004AAA')).rejects.toThrow();
  });

  it('saveCredentials replaces the sealed credentials (a refreshed token), null erases them, an unknown installation is refused', async () => {
    const key = parseEncryptionKey('d'.repeat(64));
    const first = encryptSecret('token-1', key);
    const refreshed = encryptSecret('token-2', key);
    const installation = await t.store.ensureInstallation('default', 'salesforce', '00D000000000009', first);

    await t.store.saveCredentials(installation.id, refreshed);
    expect(await t.store.credentials(installation.id)).toBe(refreshed);
    expect((await t.store.findInstallation('default', 'salesforce', '00D000000000009'))?.hasCredentials).toBe(true);

    await t.store.saveCredentials(installation.id, null);
    expect(await t.store.credentials(installation.id)).toBeNull();
    expect((await t.store.findInstallation('default', 'salesforce', '00D000000000009'))?.hasCredentials).toBe(false);

    await expect(t.store.saveCredentials(999_999, refreshed)).rejects.toMatchObject({ code: 'STATE_STORE_FAILED', message: expect.stringContaining('999999') });
  });
});
