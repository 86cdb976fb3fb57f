/**
 * The console and the customer report in a real headless Chromium (Debian's, through playwright-core)
 * against a running `pulse serve`, on the sample warehouse after a history backfill and a sync into a
 * fake HubSpot portal that lacks some of the accounts: log in, filter, sort, open an account and its
 * burn-down, a run's rejected records, the customer report by its link, and refuse an altered and an
 * expired link. A screenshot of each page goes to test-results/screenshots/.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDuckDb } from '../../connectors/warehouse/duckdb';
import { writeDuckDb } from '../../sample-data';
import { parseEncryptionKey } from '../../src/crypto';
import { reportSigningKey, reportToken } from '../../src/server/report/report-token';
import { connectPostgres } from '../../src/sync/state/pg-client';
import type { SqlClient } from '../../src/sync/state/sql';
import { launchChromium, screenshot } from '../support/browser';
import { finished, runCliProcess, spawnTs, waitForLine } from '../support/child-process';
import { startFakeHubspot, type FakeHubspot } from '../support/fake-hubspot';
import { freePort } from '../support/postgres-server';
import { testDatabaseUrl } from '../support/test-database';

const AS_OF = '2026-10-31';
const KEY = '9'.repeat(64);
const ADMIN = 'console-admin-token-0123456789';
const E2E_MS = 300_000;

describe('the console in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-e2e-'));
  let portal: FakeHubspot;
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let db: SqlClient;
  let base = '';
  let env: Record<string, string> = {};

  const pulse = async (args: string[]) => {
    const run = await runCliProcess(args, { cwd: dir, env });
    if (run.code !== 0) throw new Error(`pulse ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return run.stdout;
  };

  beforeAll(async () => {
    const warehouse = join(dir, 'sample.duckdb');
    await writeDuckDb(warehouse, { accounts: 60, days: 400, seed: 5, asOf: AS_OF });
    const duck = await openDuckDb({ path: warehouse, displayUrl: warehouse });
    const accounts = (await duck.all('select account_id from accounts order by account_id')).map((row) => String(row.account_id));
    await duck.close();
    portal = await startFakeHubspot({ portalId: 880088, token: 'pat-e2e-token', limits: { max: 1000, windowMs: 10_000 } });
    // The portal lacks the last 10 accounts: the run records them as unmatched, grouped by reason.
    portal.store.seedCompaniesFor(accounts.slice(0, 50));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const databaseUrl = await testDatabaseUrl('e2e_console');
    env = { DATABASE_URL: databaseUrl, WAREHOUSE_URL: `duckdb:${warehouse}`, PULSE_ENCRYPTION_KEY: KEY, PULSE_ADMIN_TOKEN: ADMIN, PULSE_PUBLIC_URL: base, PORT: String(port) };
    db = await connectPostgres(databaseUrl);
    const add = await runCliProcess(['installations', 'add', 'demo', '--crm', 'hubspot', '--schedule', '0 0 1 1 *'], { cwd: dir, env: { ...env, HUBSPOT_ACCESS_TOKEN: portal.token, HUBSPOT_BASE_URL: portal.baseUrl } });
    expect(add.stderr).toBe('');
    await pulse(['history', 'backfill', '--days', '180', '--installation', 'demo', '--as-of', AS_OF]);
    await pulse(['sync', '--installation', 'demo', '--as-of', AS_OF]);
    server = spawnTs('src/cli.ts', ['serve'], { cwd: dir, env });
    await waitForLine(server, /pulse serve listening/);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, E2E_MS);

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined) {
      const exited = finished(server);
      server.kill('SIGTERM');
      await exited;
    }
    await db?.close();
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The texts of one column of the accounts table, by its header. */
  async function column(header: string): Promise<string[]> {
    const headers = await page.locator('table thead th').allInnerTexts();
    const index = headers.findIndex((text) => text.startsWith(header));
    expect(index).toBeGreaterThanOrEqual(0);
    return page.locator(`table tbody tr > :nth-child(${index + 1})`).allInnerTexts();
  }

  it('logs in with the admin token, then lists, filters and sorts the accounts', async () => {
    await page.goto(`${base}/console/accounts`);
    expect(page.url()).toContain('/console/login');
    await screenshot(page, 'login');
    await page.getByLabel(/Admin token/).fill(ADMIN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/console\/accounts/);
    await screenshot(page, 'accounts');
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(10);

    const [value] = (await db.query(
      `select expansion_signal from signal_latest where as_of = $1 and expansion_signal <> 'none' group by 1 order by count(*) desc limit 1`,
      [AS_OF],
    )).map((row) => String(row.expansion_signal));
    expect(value).toBeDefined();
    await page.selectOption('#f-expansion', value ?? '');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`expansion=${value}`));
    const signals = await column('Expansion');
    expect(signals.length).toBeGreaterThan(0);
    expect(new Set(signals).size).toBe(1);
    await screenshot(page, 'accounts-filtered');

    await page.goto(`${base}/console/accounts`);
    await page.locator('table thead th a', { hasText: /^Health/ }).first().click();
    await page.waitForURL(/sort=health_score/);
    const direction = new URL(page.url()).searchParams.get('dir');
    const scores = (await column('Health')).map((text) => Number.parseInt(text, 10)).filter((n) => !Number.isNaN(n));
    const sorted = [...scores].sort((a, b) => (direction === 'asc' ? a - b : b - a));
    expect(scores).toEqual(sorted);
  }, E2E_MS);

  it('opens an account with its commitment burn-down and exhaustion date', async () => {
    const [row] = await db.query(
      `select account_id, snapshot->'signals'->>'commit_exhaustion_date' as day from signal_latest
       where as_of = $1 and snapshot->'signals'->>'commit_exhaustion_date' is not null order by account_id limit 1`,
      [AS_OF],
    );
    expect(row).toBeDefined();
    await page.goto(`${base}/console/accounts?sort=account_id&dir=asc`);
    await page.goto(`${base}/console/accounts/${encodeURIComponent(String(row?.account_id))}`);
    await expect(page.locator('body').innerText()).resolves.toContain(`Exhausts ${String(row?.day)}`);
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'account');
  }, E2E_MS);

  it('opens the portfolio, the run with its unmatched accounts grouped by reason, and the next run\'s plan', async () => {
    await page.goto(`${base}/console/portfolio`);
    await screenshot(page, 'portfolio');
    await page.goto(`${base}/console/runs`);
    await screenshot(page, 'runs');
    await page.locator('table tbody tr a').first().click();
    await page.waitForURL(/\/console\/runs\/\d+/);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Rejected rows and records, by reason');
    expect(text).toMatch(/unmatched/i);
    await screenshot(page, 'run');

    // The next run's plan, computed on demand against the warehouse and the portal: the 10 missing companies stay unmatched.
    await page.goto(`${base}/console/runs`);
    await page.getByRole('link', { name: 'Plan the next run' }).click();
    await page.waitForURL(/\/console\/runs\/plan/);
    await expect(page.locator('table').innerText()).resolves.toMatch(/unmatched\s+10/);
    await screenshot(page, 'plan');
  }, E2E_MS);

  it('opens a customer report by its link, and refuses an altered and an expired one', async () => {
    const [row] = await db.query(`select account_id from signal_latest where as_of = $1 order by account_id limit 1`, [AS_OF]);
    const accountId = String(row?.account_id);
    const link = (await pulse(['report-link', accountId, '--installation', 'demo', '--days', '7'])).trim();
    expect(link.startsWith(`${base}/report/`)).toBe(true);
    await page.goto(link);
    await expect(page.locator('h1').innerText()).resolves.toContain('Usage report');
    await screenshot(page, 'report');

    const altered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await page.goto(altered))?.status()).toBe(403);
    const expired = reportToken({ installation: 'demo', accountId, expiresAt: Date.now() - 1000 }, reportSigningKey(parseEncryptionKey(KEY)));
    const answer = await page.goto(`${base}/report/${expired}`);
    expect(answer?.status()).toBe(403);
    await expect(page.locator('body').innerText()).resolves.toContain('expired');
    await screenshot(page, 'report-expired');
  }, E2E_MS);
});
