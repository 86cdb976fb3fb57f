import { checkReportToken, reportSigningKey, reportToken } from '../../../src/server/report/report-token';

const key = reportSigningKey(Buffer.alloc(32, 3));
const NOW = 1_800_000_000_000;
const grant = { installation: 'acme', accountId: 'acct-0001', expiresAt: NOW + 86_400_000 };

describe('report links', () => {
  it('name their installation and account until they expire', () => {
    const token = reportToken(grant, key);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(checkReportToken(token, key, NOW)).toEqual(grant);
    expect(checkReportToken(token, key, grant.expiresAt)).toEqual({ problem: 'expired' });
  });

  it('refuse an altered account, a longer life, another key, and garbage', () => {
    const [payload = '', signature = ''] = reportToken(grant, key).split('.');
    const altered = Buffer.from(JSON.stringify({ i: 'acme', a: 'acct-0002', e: grant.expiresAt })).toString('base64url');
    expect(checkReportToken(`${altered}.${signature}`, key, NOW)).toEqual({ problem: 'forged' });
    expect(checkReportToken(`${payload}.${signature.slice(0, -2)}xx`, key, NOW)).toEqual({ problem: 'forged' });
    expect(checkReportToken(reportToken(grant, key), reportSigningKey(Buffer.alloc(32, 4)), NOW)).toEqual({ problem: 'forged' });
    for (const junk of ['', 'x', 'a.b.c']) expect(checkReportToken(junk, key, NOW)).toEqual({ problem: 'malformed' });
  });
});
