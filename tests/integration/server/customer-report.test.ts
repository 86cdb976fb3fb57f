/**
 * The customer report through the real app on a real PostgreSQL store: `pulse report-link` prints a
 * signed link that opens the account's report; an altered or expired link, or one for another
 * installation's account, gets 403 and shows nothing of the account.
 */
import { Registry } from 'prom-client';
import request from 'supertest';
import { loadConfig } from '../../../src/commands/config';
import { reportLink } from '../../../src/commands/report-link';
import { isPulseError } from '../../../src/errors';
import { createApp } from '../../../src/server/app';
import { createLogger } from '../../../src/server/logger';
import { openStateStore, type StateStore } from '../../../src/sync/state';
import { makeSnapshot } from '../../support/snapshots';
import { testDatabaseUrl } from '../../support/test-database';

const PUBLIC = 'https://pulse.example.test';
let store: StateStore;
let env: Record<string, string>;

function app(nowOffsetMs = 0) {
  return createApp({ store, queue: null, redis: null, adminToken: undefined, logger: createLogger('silent'), registry: new Registry(), config: loadConfig(env), env, now: () => Date.now() + nowOffsetMs });
}

const pathOf = (link: string) => new URL(link).pathname;

beforeAll(async () => {
  env = { DATABASE_URL: await testDatabaseUrl('server_report'), PULSE_PUBLIC_URL: PUBLIC, PULSE_ENCRYPTION_KEY: 'a'.repeat(64) };
  store = await openStateStore({ databaseUrl: env.DATABASE_URL as string, dir: '/nonexistent' });
  for (const name of ['acme', 'globex']) {
    const added = await store.addInstallation({ name, crm: 'hubspot', crmAccountId: `portal-${name}`, credentials: 'sealed', warehouseUrl: null, configFile: null, schedule: '0 6 * * *' });
    await store.recordHistory(added.id, [
      makeSnapshot({ account_id: `${name}-1`, as_of: '2024-02-19', spend_day: 9, name: `<b>${name}</b> Corp` }),
      makeSnapshot({
        account_id: `${name}-1`, as_of: '2024-02-20', spend_day: 11, name: `<b>${name}</b> Corp`, budget_month_usd: 250,
        signals: { spend_30d: 300, growth_30d_pct: 5, forecast_month_usd: 310, commit_exhaustion_date: '2024-05-01' },
      }),
    ]);
  }
});
afterAll(async () => store?.close());

describe('customer report links', () => {
  it('pulse report-link prints a link under PULSE_PUBLIC_URL that opens the account report, in the customer\'s words', async () => {
    const link = await reportLink('acme-1', { days: '30', installation: 'acme' }, env);
    expect(link.startsWith(`${PUBLIC}/report/`)).toBe(true);
    const page = await request(app()).get(pathOf(link)).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Usage report: &lt;b&gt;acme&lt;/b&gt; Corp');
    expect(page.text).toContain('You used $300 in the last 30 days, 5% more than the 30 days before.');
    expect(page.text).toContain('the month is heading for 124% of it, above budget');
    expect(page.text).toContain('your commitment runs out on 2024-05-01');
    expect(page.text).toContain('<svg role="img"');
    expect(page.text).not.toMatch(/health|tier|playbook|expansion/i);
  });

  it('refuses an altered link, an expired one, and unknown accounts with 403', async () => {
    const link = await reportLink('acme-1', { days: '1', installation: 'acme' }, env);
    const [payload = '', signature = ''] = pathOf(link).replace('/report/', '').split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), i: 'globex', a: 'globex-1' })).toString('base64url');
    const altered = await request(app()).get(`/report/${other}.${signature}`).expect(403);
    expect(altered.text).not.toContain('globex');
    expect((await request(app(2 * 86_400_000)).get(pathOf(link)).expect(403)).text).toContain('expired');
    await request(app()).get('/report/not-a-token').expect(403);
  });

  it('pulse report-link names what is missing and never signs a link to nothing', async () => {
    const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (isPulseError(error) ? `${error.code}: ${error.message}` : String(error)));
    expect(await errorOf(reportLink('acme-1', { days: '30', installation: 'acme' }, { ...env, PULSE_PUBLIC_URL: '' }))).toMatch(/CONFIG_INVALID|PULSE_PUBLIC_URL/);
    expect(await errorOf(reportLink('nobody', { days: '30', installation: 'acme' }, env))).toMatch(/^INPUT_INVALID: account "nobody" has no signals recorded/);
    expect(await errorOf(reportLink('acme-1', { days: '30' }, env))).toMatch(/there are 2 installations/);
    expect(await errorOf(reportLink('acme-1', { days: '0', installation: 'acme' }, env))).toMatch(/--days 0/);
  });
});
