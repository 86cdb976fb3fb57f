import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyReason } from '../../../src/sync/rejection-groups';
import { writeExamplesDuckDb } from '../../support/load-fixture';
import { runCli } from '../../support/run-cli';
import { testDatabaseUrl } from '../../support/test-database';

describe('a stored rejected row is grouped by its reason code, never by its sentence', () => {
  it.each([
    ['negative:units', 'negative', 'units is negative'],
    ['null:account_id', 'null', 'account_id is null'],
    ['duplicate_key', 'duplicate_key', 'duplicate key'],
    ['rejected_account', 'rejected_account', 'its accounts row was rejected'],
  ])('%s', (code, expected, label) => {
    expect(classifyReason({ code, reason: 'any sentence at all' })).toEqual({ code: expected, label });
  });

  it('a row stored without a code (before codes were kept) keeps its own sentence', () => {
    expect(classifyReason({ code: null, reason: 'units is negative (-5)' })).toEqual({ code: 'other', label: 'units is negative (-5)' });
  });
});

describe('pulse runs show', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-runs-show-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('groups rejected rows by reason with counts, root causes first, (null) keys, a duplicate account said in words, and pages', async () => {
    const path = await writeExamplesDuckDb(dir, [
      // acct-0003 twice in accounts: both rows rejected, and every row of acct-0003 elsewhere with them.
      `insert into accounts select * from accounts where account_id = 'acct-0003'`,
      `insert into usage_daily values (NULL, date '2024-02-19', 'search', 'support', 5, 1.0)`,
      `insert into usage_daily values ('acct-0001', date '2024-02-19', 'search', 'support', -5, 1.0)`,
      `insert into usage_daily values ('acct-0002', date '2024-02-19', 'search', 'support', -7, 1.0)`,
    ]);
    const env = { DATABASE_URL: await testDatabaseUrl('runs_show_groups') };
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const sync = await runCli(['sync', '--crm', 'dry-run', '--warehouse', `duckdb:${path}`, '--as-of', '2024-02-20'], { cwd, env });
    expect(sync.code).toBe(0);

    const show = await runCli(['runs', 'show', '1'], { cwd, env });
    expect(show.code).toBe(0);
    const out = show.stdout;
    const at = (text: string) => {
      const i = out.indexOf(text);
      expect([text, i >= 0]).toEqual([text, true]);
      return i;
    };
    const duplicate = at('account acct-0003 appears twice in accounts: both rows rejected, so it is left out of signals');
    const nullKey = at('usage_daily [(null)|2024-02-19|search|support]: account_id is null');
    const negative = at('usage_daily: units is negative: 2 rows rejected');
    const cascade = at('usage_daily: 1573 rows of 1 account whose accounts row was rejected (above)');
    at('  acct-0003: 1573 rows');
    expect(duplicate).toBeLessThan(nullKey);
    expect(duplicate).toBeLessThan(negative);
    expect(Math.max(nullKey, negative)).toBeLessThan(cascade);
    // The two copies of the duplicated row are one line, not two.
    expect(out.split('appears twice').length).toBe(2);
    expect(out).toMatch(/^accounts: duplicate key \(account_id\): 2 rows rejected; these accounts are left out of signals$/m);

    // Paging: one line per group, then the rest on --all.
    const paged = await runCli(['runs', 'show', '1', '--limit', '1'], { cwd, env });
    expect(paged.code).toBe(0);
    expect(paged.stdout).toMatch(/usage_daily: units is negative: 2 rows rejected\n {2}usage_daily \[acct-0001\|[^\n]*\n {2}\.\.\. 1 more\n/);
    expect(paged.stdout).toMatch(/lines not shown: pulse runs show 1 --all/);
    const all = await runCli(['runs', 'show', '1', '--all'], { cwd, env });
    expect(all.stdout).toMatch(/usage_daily \[acct-0002\|2024-02-19\|search\|support\]: units is negative \(-7\)/);
    expect(all.stdout).not.toMatch(/more\n|lines not shown/);

    // The duplicated account does not silently vanish from signals either.
    const signals = await runCli(['signals', '--warehouse', `duckdb:${path}`, '--as-of', '2024-02-20', '--account', 'acct-0003'], { cwd, env });
    expect(signals.code).toBe(1);
    expect(signals.stderr).toMatch(/no such account "acct-0003": its accounts row was rejected \(duplicate key/);
  });
});
