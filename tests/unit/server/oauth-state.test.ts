import { checkState, issueState, pkceChallenge, stateSigningKey, STATE_TTL_MS } from '../../../src/server/oauth/state';

const key = stateSigningKey(Buffer.alloc(32, 7));
const NOW = 1_700_000_000_000;

describe('OAuth install state', () => {
  it('is checked back to its nonce by the deployment that issued it, for its CRM, until it expires', () => {
    const issued = issueState('hubspot', key, NOW);
    expect(issued.expiresAt).toBe(NOW + STATE_TTL_MS);
    expect(checkState(issued.state, 'hubspot', key, NOW + STATE_TTL_MS - 1)).toEqual({ nonce: issued.nonce });
    expect(checkState(issued.state, 'hubspot', key, NOW + STATE_TTL_MS)).toEqual({ problem: 'expired' });
    expect(checkState(issued.state, 'salesforce', key, NOW)).toEqual({ problem: 'wrong CRM' });
  });

  it('refuses a state signed with another key, a changed payload, and garbage', () => {
    const issued = issueState('hubspot', key, NOW);
    expect(checkState(issued.state, 'hubspot', stateSigningKey(Buffer.alloc(32, 8)), NOW)).toEqual({ problem: 'forged' });
    const [payload, signature] = issued.state.split('.');
    const longer = Buffer.from(JSON.stringify({ n: issued.nonce, c: 'hubspot', e: NOW + 86_400_000 })).toString('base64url');
    expect(checkState(`${longer}.${signature}`, 'hubspot', key, NOW)).toEqual({ problem: 'forged' });
    expect(checkState(`${payload}.`, 'hubspot', key, NOW)).toEqual({ problem: 'forged' });
    for (const junk of ['', 'abc', 'a.b.c', `.${signature}`]) expect(checkState(junk, 'hubspot', key, NOW)).toEqual({ problem: 'malformed' });
  });

  it('gives every install its own nonce and verifier, with the S256 challenge of RFC 7636', () => {
    const [a, b] = [issueState('hubspot', key, NOW), issueState('hubspot', key, NOW)];
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
    // RFC 7636, appendix B.
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});
