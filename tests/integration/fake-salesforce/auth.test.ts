/**
 * The Salesforce connector's sessions against the fake org: an expired session renewed by the refresh token
 * or the JWT bearer flow (the fake verifies the assertion's signature and claims), the writes replayed and landed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createSalesforceConnector, type SalesforceConnectorOptions } from '../../../connectors/crm/salesforce/connector';
import { isPulseError } from '../../../src/errors';
import type { FieldWrite } from '../../../src/sync/ports';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';

let fake: FakeSalesforce;
afterEach(() => fake.close());

const CLIENT_ID = 'pulse-consumer-key';
const USERNAME = 'integration@pulse.example';
const FAST: Partial<SalesforceConnectorOptions> = { retryPolicy: { baseMs: 1, capMs: 2 } };
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** `count` Accounts in the fake org, and a health score write for each. */
function seed(count: number): FieldWrite[] {
  return Array.from({ length: count }, (_, i) => {
    const account = `acct-${i}`;
    return { account_id: account, record_id: fake.org.seedAccount({ Name: `Company ${i}`, Pulse_Account_Id__c: account }), values: { Pulse_Health_Score__c: 10 + (i % 80) } };
  });
}

function expectWritten(writes: FieldWrite[]): void {
  for (const write of writes) expect(fake.org.get('Account', write.record_id)?.fields.Pulse_Health_Score__c).toBe(write.values.Pulse_Health_Score__c);
}

/** Data calls the fake answered: every request but the token requests. */
const dataRequests = (): number => fake.stats.requests - fake.sessions.grants.length;

describe('Salesforce sessions against the fake org', () => {
  it('renews a session that expires every 10 calls with the refresh token, lands every write, and hands each new token to onAccessToken', async () => {
    fake = await startFakeSalesforce({ sessionExpiresEvery: 10, clientId: CLIENT_ID });
    // 30 batches of 200, 4 in flight: sessions expire under concurrent calls again and again.
    const writes = seed(6_000);
    const stored: string[] = [];
    const connector = await createSalesforceConnector({
      instanceUrl: fake.baseUrl,
      accessToken: fake.accessToken,
      refresh: { refreshToken: fake.refreshToken, clientId: CLIENT_ID, clientSecret: 'consumer-secret', loginUrl: fake.baseUrl },
      onAccessToken: (token) => void stored.push(token),
      ...FAST,
    });

    const results = await connector.writeFields(writes);

    expect(results.filter((result) => !result.ok)).toEqual([]);
    expectWritten(writes);
    expect(fake.stats.sessionsExpired).toBeGreaterThanOrEqual(3);
    const grants = fake.sessions.grants;
    expect(grants.length).toBeGreaterThanOrEqual(3);
    expect(grants.every((grant) => grant.ok && grant.grantType === 'refresh_token' && grant.clientId === CLIENT_ID)).toBe(true);
    // Single flight: one grant per expired session, not one per refused call.
    expect(grants.length).toBeLessThan(fake.stats.sessionsExpired);
    expect(stored).toEqual(grants.map((grant) => grant.accessToken));
    expect(connector.link.conn.accessToken).toBe(stored.at(-1));
    // Replays are data calls and counted; the token requests are not.
    expect(connector.apiCalls).toBe(dataRequests());
    expect(connector.link.tokens.endpoint.calls).toBe(grants.length);
  });

  it('without a refresh token or JWT flow, an expired session fails the write CRM_AUTH_FAILED with a hint', async () => {
    fake = await startFakeSalesforce({ sessionExpiresEvery: 1 });
    const writes = seed(3);
    const connector = await createSalesforceConnector({ instanceUrl: fake.baseUrl, accessToken: fake.accessToken, ...FAST });
    const failure: unknown = await connector.writeFields(writes).catch((error: unknown) => error);
    expect(isPulseError(failure) && failure.code).toBe('CRM_AUTH_FAILED');
    expect(isPulseError(failure) && failure.hint).toMatch(/SALESFORCE_REFRESH_TOKEN/);
    expect(fake.sessions.grants).toEqual([]);
  });

  it('obtains and renews sessions with the JWT bearer flow, each assertion verified by the fake with the public key', async () => {
    fake = await startFakeSalesforce({ sessionExpiresEvery: 10, clientId: CLIENT_ID, jwtPublicKey: publicKey, jwtUsername: USERNAME });
    const writes = seed(2_000);
    const stored: string[] = [];
    const connector = await createSalesforceConnector({
      instanceUrl: fake.baseUrl,
      jwt: { username: USERNAME, privateKey: PRIVATE_PEM, clientId: CLIENT_ID, loginUrl: fake.baseUrl },
      onAccessToken: (token) => void stored.push(token),
      ...FAST,
    });
    expect(connector.installationId).toBe('00D000000000001AAA');

    const results = await connector.writeFields(writes);

    expect(results.filter((result) => !result.ok)).toEqual([]);
    expectWritten(writes);
    const grants = fake.sessions.grants;
    expect(grants.length).toBeGreaterThanOrEqual(2);
    for (const grant of grants) {
      expect(grant).toMatchObject({ ok: true, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', signatureVerified: true, clientId: CLIENT_ID });
      expect(grant.assertion?.claims).toMatchObject({ iss: CLIENT_ID, sub: USERNAME, aud: fake.baseUrl });
    }
    expect(stored).toEqual(grants.map((grant) => grant.accessToken));
    // No token to start with: the first call asked for one instead of being refused.
    expect(fake.stats.sessionsExpired).toBe(grants.length - 1);
    expect(connector.apiCalls).toBe(dataRequests());
  });

  it('fails CRM_AUTH_FAILED when the fake cannot verify the assertion (another key, another user), naming the endpoint', async () => {
    fake = await startFakeSalesforce({ clientId: CLIENT_ID, jwtPublicKey: publicKey, jwtUsername: USERNAME });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const connect = (jwt: { privateKey: string; username: string }) =>
      createSalesforceConnector({ instanceUrl: fake.baseUrl, jwt: { ...jwt, clientId: CLIENT_ID, loginUrl: fake.baseUrl }, ...FAST });

    const wrongKey: unknown = await connect({ privateKey: other, username: USERNAME }).catch((error: unknown) => error);
    expect(wrongKey).toMatchObject({ code: 'CRM_AUTH_FAILED', message: expect.stringContaining(`POST ${fake.baseUrl}/services/oauth2/token`) });
    expect(String((wrongKey as Error).message)).toContain('invalid_grant');
    expect(fake.sessions.grants[0]).toMatchObject({ ok: false, signatureVerified: false, error: 'invalid_grant' });

    const wrongUser: unknown = await connect({ privateKey: PRIVATE_PEM, username: 'someone@else.example' }).catch((error: unknown) => error);
    expect(wrongUser).toMatchObject({ code: 'CRM_AUTH_FAILED' });
    expect(fake.sessions.grants[1]).toMatchObject({ ok: false, signatureVerified: true, error: 'invalid_grant' });
    expect(fake.stats.sessionsExpired).toBe(0);
  });
});
