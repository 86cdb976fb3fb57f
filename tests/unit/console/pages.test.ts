import { accountsHref, parseAccountsQuery, type AccountsQuery } from '../../../src/console/accounts-query';
import { accountPage } from '../../../src/console/pages/account';
import { accountsPage } from '../../../src/console/pages/accounts';
import { checkSession, issueSession, readCookie, SESSION_MS, sessionKey } from '../../../src/console/session';
import { makeSnapshot, readings } from '../../support/snapshots';

const query = (overrides: Partial<AccountsQuery> = {}): AccountsQuery => ({ installation: 'acme', sort: 'health_score', dir: 'asc', page: 1, ...overrides });

function listPage(q: AccountsQuery, names: string[] = ['<script>alert(1)</script>']) {
  return accountsPage({
    installation: 'acme', installations: ['acme', 'beta'], asOf: '2026-11-24', query: q, total: 120, segments: ['mid_market', 'a&b'],
    rows: names.map((name, i) => ({ snapshot: makeSnapshot({ account_id: `acc-${i}`, name }), spend90: [1, 2, 3] })),
  });
}

describe('console pages', () => {
  it('escapes an account named <script> wherever it appears', () => {
    const page = listPage(query());
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('<option value="a&amp;b">a&amp;b</option>');
    const one = accountPage({ installation: 'acme', installations: ['acme'], latest: makeSnapshot({ name: '<script>x</script>', health_change_reason: '"<b>"' }), history: readings('acc-1', '2026-11-24', 30), firings: [], fields: [{ field: 'pulse_note', value: '<img src=x>', written_at: '2026-11-24T06:00:00Z' }] });
    expect(one).not.toMatch(/<script>|<b>|<img/);
    expect(one).toContain('&lt;img src=x&gt;');
  });

  it('links each column to its sort, flipping the active one, and keeps the filters in every link', () => {
    const page = listPage(query({ expansion: 'rapid_growth', coverage: 'tech_touch', sort: 'health_score', dir: 'asc', page: 2 }));
    // The active column flips; another column sorts ascending; both go back to page 1 and keep the filters.
    expect(page).toContain('href="/console/accounts?installation=acme&amp;expansion=rapid_growth&amp;coverage=tech_touch&amp;sort=health_score&amp;dir=desc"');
    expect(page).toContain('href="/console/accounts?installation=acme&amp;expansion=rapid_growth&amp;coverage=tech_touch&amp;sort=forecast_month_usd&amp;dir=asc"');
    expect(page).toMatch(/<th scope="col" aria-sort="ascending"><a [^>]*>Health ▲/);
    // Paging keeps filters and sort.
    expect(page).toContain('href="/console/accounts?installation=acme&amp;expansion=rapid_growth&amp;coverage=tech_touch&amp;page=3" rel="next"');
    expect(page).toContain('<option value="rapid_growth" selected>rapid growth</option>');
    expect(page).toContain('Accounts 51–100 of 120 (page 2 of 3)');
  });

  it('parses the query string: defaults, empty selects as no filter, unknown sort keys and parameters refused', () => {
    expect(parseAccountsQuery({ tier: '', sort: 'coverage' })).toEqual({ ok: true, query: { tier: undefined, sort: 'coverage', dir: 'asc', page: 1 } });
    expect(parseAccountsQuery({})).toMatchObject({ ok: true, query: { sort: 'health_score', dir: 'asc', page: 1 } });
    expect(parseAccountsQuery({ sort: 'password' })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^sort: /)] });
    expect(parseAccountsQuery({ page: '0' }).ok).toBe(false);
    expect(parseAccountsQuery({ evil: '1' }).ok).toBe(false);
    expect(accountsHref(query({ installation: undefined }))).toBe('/console/accounts');
  });
});

describe('console session cookie', () => {
  const key = sessionKey('admin-token-for-tests-0123456789');
  const now = Date.parse('2026-11-24T12:00:00Z');

  it('holds an expiry and a MAC, never the token; it is refused once expired, forged or from another token', () => {
    const { value } = issueSession(key, now);
    expect(value).not.toContain('admin-token');
    expect(checkSession(key, value, now + 1000)).toEqual({ ok: true });
    expect(checkSession(key, value, now + SESSION_MS)).toEqual({ ok: false, problem: 'expired' });
    const [, expiry, mac] = value.split('.');
    expect(checkSession(key, `v1.${Number(expiry) + 1000}.${mac}`, now)).toEqual({ ok: false, problem: 'forged' });
    expect(checkSession(sessionKey('another-token-for-tests-987654'), value, now)).toEqual({ ok: false, problem: 'forged' });
    expect(checkSession(key, 'admin-token-for-tests-0123456789', now)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkSession(key, undefined, now)).toEqual({ ok: false, problem: 'missing' });
    expect(readCookie(`a=1; pulse_console=${value}; b=2`, 'pulse_console')).toBe(value);
  });
});
