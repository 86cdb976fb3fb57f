import type { Signals } from '../../../src/domain/signals';
import { makeSnapshot } from '../../support/snapshots';

const snapshot = (account: string, asOf: string, health: number | null, signals: Partial<Signals> = {}) =>
  makeSnapshot({ account_id: account, as_of: asOf, name: `Account ${account}`, commitment: null, health_score_change_7d: null, health_change_reason: null, signals: { health_score: health, health_tier: health === null ? null : health >= 70 ? 'healthy' : health >= 40 ? 'watch' : 'at_risk', segment: 'smb', expansion_signal: 'none', ...signals } });
import { openTestStore, type Backend, type TestStore } from './harness';

describe.each<Backend>(['pglite', 'postgres'])('signal history on %s', (backend) => {
  let t: TestStore;
  let id = 0;
  beforeAll(async () => {
    t = await openTestStore(backend);
    id = (await t.store.ensureInstallation('history', 'hubspot', 'p-1', null)).id;
  });
  afterAll(() => t?.cleanup());

  it('records snapshots, replaces a day recorded again, and reads them back whole', async () => {
    await t.store.recordHistory(id, [snapshot('a', '2024-02-19', 50), snapshot('a', '2024-02-20', 55), snapshot('b', '2024-02-20', 80, { segment: 'enterprise', expansion_signal: 'rapid_growth' })]);
    await t.store.recordHistory(id, [{ ...snapshot('a', '2024-02-20', 61), health_score_change_7d: 11, health_change_reason: 'trend: up' }]);
    expect(await t.store.latestHistoryDay(id)).toBe('2024-02-20');
    const on = await t.store.historyOn(id, ['a', 'b', 'missing'], '2024-02-20');
    expect([...on.keys()].sort()).toEqual(['a', 'b']);
    expect(on.get('a')).toMatchObject({ health_score_change_7d: 11, health_change_reason: 'trend: up', health_score: 61 });
    // The whole snapshot is kept for the newest day; an older day recorded later does not replace it.
    await t.store.recordHistory(id, [snapshot('a', '2024-02-18', 40)]);
    expect(await t.store.latestSnapshot(id, 'a')).toMatchObject({ as_of: '2024-02-20', signals: { health_score: 61 }, name: 'Account a', commitment: null });
    expect(await t.store.latestSnapshot(id, 'missing')).toBeNull();
    expect((await t.store.accountHistory(id, 'a', '2024-01-01', '2024-12-31')).map((s) => s.as_of)).toEqual(['2024-02-18', '2024-02-19', '2024-02-20']);
    expect((await t.store.spendSeries(id, ['a', 'c'], '2024-02-20', '2024-02-20')).get('c')).toEqual([]);
  });

  it('pages one day with filters and a sort, nulls last', async () => {
    await t.store.recordHistory(id, [snapshot('c', '2024-02-20', null), snapshot('d', '2024-02-20', 30, { segment: 'enterprise' })]);
    const all = await t.store.listSnapshots(id, '2024-02-20', { sort: 'health_score', direction: 'desc', offset: 0, limit: 10 });
    expect(all.rows.map((r) => r.account_id)).toEqual(['b', 'a', 'd', 'c']);
    expect(all.total).toBe(4);
    expect(all.segments).toEqual(['enterprise', 'smb']);
    const enterprise = await t.store.listSnapshots(id, '2024-02-20', { segment: 'enterprise', sort: 'health_score', direction: 'asc', offset: 1, limit: 1 });
    expect([enterprise.rows.map((r) => r.account_id), enterprise.total]).toEqual([['b'], 2]);
    const expanding = await t.store.listSnapshots(id, '2024-02-20', { expansion: 'rapid_growth', tier: 'healthy', sort: 'account_id', direction: 'asc', offset: 0, limit: 10 });
    expect(expanding.rows.map((r) => r.account_id)).toEqual(['b']);
  });
});
