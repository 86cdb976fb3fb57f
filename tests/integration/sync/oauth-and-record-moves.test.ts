import { openTestStore, type Backend, type TestStore } from './harness';

describe.each<Backend>(['pglite', 'postgres'])('OAuth states and record moves on %s', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(() => t?.cleanup());

  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  it('an install state is taken once, only for its CRM, and never after it expires', async () => {
    await t.store.saveOAuthState({ nonce: 'n-1', crm: 'hubspot', verifier: 'sealed-1', expiresAt: inMinutes(10) });
    await t.store.saveOAuthState({ nonce: 'n-old', crm: 'hubspot', verifier: 'sealed-old', expiresAt: inMinutes(-1) });
    expect(await t.store.takeOAuthState('n-1', 'salesforce')).toBeNull();
    const [first, second] = await Promise.all([t.store.takeOAuthState('n-1', 'hubspot'), t.store.takeOAuthState('n-1', 'hubspot')]);
    expect([first, second].sort()).toEqual(['sealed-1', null].sort());
    expect(await t.store.takeOAuthState('n-old', 'hubspot')).toBeNull();
    expect(await t.store.takeOAuthState('never-issued', 'hubspot')).toBeNull();
    // The next install sweeps what expired.
    await t.store.saveOAuthState({ nonce: 'n-2', crm: 'hubspot', verifier: 'sealed-2', expiresAt: inMinutes(10) });
    expect(await t.db.query('select nonce from oauth_states order by nonce')).toEqual([{ nonce: 'n-2' }]);
  });

  it('a merge moves the stored record ids and forgets their values; a deletion forgets both', async () => {
    const installation = await t.store.ensureInstallation('moves', 'hubspot', 'portal-9', null);
    const other = await t.store.ensureInstallation('moves-other', 'hubspot', 'portal-8', null);
    const id = installation.id;
    for (const [inst, account, record] of [[id, 'a1', '101'], [id, 'a2', '102'], [id, 'a3', '103'], [other.id, 'a1', '101']] as const) {
      await t.db.query(`insert into record_ids values ($1, $2, $3, now())`, [inst, account, record]);
      await t.db.query(`insert into account_fields values ($1, $2, '{"pulse_health_score": [50, 1, "2026-11-24T06:00:00.000Z"]}')`, [inst, account]);
    }
    expect(await t.store.moveRecordIds(id, ['101', '999'], '103')).toEqual(['a1']);
    expect(await t.store.forgetRecordIds(id, ['102'])).toEqual(['a2']);
    expect(await t.db.query('select account_id, record_id from record_ids where installation_id = $1 order by 1', [id])).toEqual([
      { account_id: 'a1', record_id: '103' },
      { account_id: 'a3', record_id: '103' },
    ]);
    expect(await t.db.query('select account_id from field_values where installation_id = $1 order by 1', [id])).toEqual([{ account_id: 'a3' }]);
    // Another installation's rows are not touched.
    expect(await t.db.query('select account_id, record_id from record_ids where installation_id = $1', [other.id])).toEqual([{ account_id: 'a1', record_id: '101' }]);
    expect(await t.store.moveRecordIds(id, [], '1')).toEqual([]);
  });
});
