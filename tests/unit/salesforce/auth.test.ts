import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { openSalesforceLink, type SalesforceLinkOptions } from '../../../connectors/crm/salesforce/link';
import { RENEWAL_HINT } from '../../../connectors/crm/salesforce/session-renewal';
import { fakeClock } from '../crm/fake-clock';
import { rejectionOf } from '../../support/pulse-error';

/** The session flows of the Salesforce link (refresh token, JWT bearer), HTTP answered by nock. */
const INSTANCE = 'https://pulse-auth.my.salesforce.test';
const LOGIN = 'https://login.salesforce.test';
const TOKEN_PATH = '/services/oauth2/token';
const DATA = '/services/data/v60.0';
const REFRESH = { refreshToken: 'refresh-token-secret-1234', clientId: 'pulse-consumer-key', clientSecret: 'consumer-secret-5678', loginUrl: LOGIN };
const EXPIRED = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const JWT = { username: 'integration@pulse.example', privateKey: PRIVATE_PEM, clientId: 'pulse-consumer-key', loginUrl: LOGIN };

const bearer = (token: string) => ({ reqheaders: { authorization: `Bearer ${token}` } });
const account = (id: string) => ({ attributes: { type: 'Account' }, Id: id });

function open(options: Partial<SalesforceLinkOptions> = {}) {
  return openSalesforceLink({ instanceUrl: INSTANCE, accessToken: 'old-token', version: '60.0', retryPolicy: { baseMs: 1, capMs: 5 }, random: () => 0, ...options });
}

/** Answers the token endpoint once with `answer`, recording the form it was sent. */
function answerToken(answer: Record<string, unknown>, status = 200, forms: URLSearchParams[] = []): nock.Scope {
  return nock(LOGIN, { reqheaders: { 'content-type': /application\/x-www-form-urlencoded/ } })
    .post(TOKEN_PATH, (body: Record<string, string>) => (forms.push(new URLSearchParams(body)), true))
    .reply(status, answer);
}

const granted = (token: string, instanceUrl = INSTANCE) => ({ access_token: token, instance_url: instanceUrl, token_type: 'Bearer', issued_at: '1', signature: 'x' });

function decodePart(part: string | undefined): unknown {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}


beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('refresh token flow', () => {
  it('refreshes on INVALID_SESSION_ID with the form fields of the refresh grant, replays the call with the new token, and hands the token on', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/sobjects/Account/001A`).reply(401, EXPIRED);
    const forms: URLSearchParams[] = [];
    answerToken(granted('new-token'), 200, forms);
    nock(INSTANCE, bearer('new-token')).get(`${DATA}/sobjects/Account/001A`).reply(200, account('001A'));
    nock(INSTANCE, bearer('new-token')).get(`${DATA}/sobjects/Account/001B`).reply(200, account('001B'));
    const stored: string[] = [];
    const link = open({ refresh: REFRESH, onAccessToken: (token) => void stored.push(token) });

    await expect(link.request('read 001A', { method: 'GET', url: '/sobjects/Account/001A' })).resolves.toEqual({ ok: true, status: 200, data: account('001A') });
    await expect(link.request('read 001B', { method: 'GET', url: '/sobjects/Account/001B' })).resolves.toMatchObject({ ok: true });

    expect(nock.isDone()).toBe(true);
    expect(forms.map((form) => Object.fromEntries(form))).toEqual([
      { grant_type: 'refresh_token', refresh_token: REFRESH.refreshToken, client_id: REFRESH.clientId, client_secret: REFRESH.clientSecret },
    ]);
    expect(stored).toEqual(['new-token']);
    expect(link.conn.accessToken).toBe('new-token');
    // The refused call, its replay and the second call are data calls; the token request is counted apart.
    expect(link.caller.calls).toBe(3);
    expect(link.tokens.endpoint.calls).toBe(1);
    expect(link.tokens.renewals).toBe(1);
  });

  it('awaits onAccessToken before the replay goes out', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    answerToken(granted('new-token'));
    const order: string[] = [];
    nock(INSTANCE, bearer('new-token'))
      .get(`${DATA}/limits`)
      .reply(200, () => (order.push('replay'), {}));
    const link = open({
      refresh: REFRESH,
      onAccessToken: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('stored');
      },
    });
    await expect(link.request('limits', { method: 'GET', url: '/limits' })).resolves.toMatchObject({ ok: true });
    expect(order).toEqual(['stored', 'replay']);
  });

  it('shares one refresh among 4 concurrent calls on the expired session, and replays a late one without refreshing again', async () => {
    const ids = ['001A', '001B', '001C', '001D'];
    // Three refusals arrive while the refresh is in flight; the fourth arrives after the new token is in use.
    ids.forEach((id, index) =>
      nock(INSTANCE, bearer('old-token'))
        .get(`${DATA}/sobjects/Account/${id}`)
        .delay(index === 3 ? 300 : 10)
        .reply(401, EXPIRED),
    );
    const token = nock(LOGIN).post(TOKEN_PATH).delay(100).reply(200, granted('new-token'));
    for (const id of ids) nock(INSTANCE, bearer('new-token')).get(`${DATA}/sobjects/Account/${id}`).reply(200, account(id));
    const stored: string[] = [];
    const link = open({ refresh: REFRESH, onAccessToken: (accessToken) => void stored.push(accessToken) });

    const results = await Promise.all(ids.map((id) => link.request(`read ${id}`, { method: 'GET', url: `/sobjects/Account/${id}` })));

    expect(results.map((result) => result.ok && result.data)).toEqual(ids.map(account));
    expect(token.isDone()).toBe(true);
    expect(link.tokens.endpoint.calls).toBe(1);
    expect(stored).toEqual(['new-token']);
    expect(link.caller.calls).toBe(8);
    expect(nock.isDone()).toBe(true);
  });

  it('fails a call whose renewed token is refused again, after one refresh only', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    answerToken(granted('new-token'));
    nock(INSTANCE, bearer('new-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    const link = open({ refresh: REFRESH });
    const error = await rejectionOf(link.request('limits', { method: 'GET', url: '/limits' }));
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toContain('INVALID_SESSION_ID');
    expect(link.tokens.endpoint.calls).toBe(1);
    expect(link.caller.calls).toBe(2);
    expect(nock.isDone()).toBe(true);
  });

  it('turns invalid_grant into CRM_AUTH_FAILED naming the endpoint and the OAuth error, with no secret in the message and no cause', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    // A description that echoes the refresh token: the message must not carry it on.
    answerToken({ error: 'invalid_grant', error_description: `expired access/refresh token ${REFRESH.refreshToken}` }, 400);
    const stored: string[] = [];
    const link = open({ refresh: REFRESH, onAccessToken: (token) => void stored.push(token) });
    const error = await rejectionOf(link.request('limits', { method: 'GET', url: '/limits' }));
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toContain(`POST ${LOGIN}${TOKEN_PATH}`);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).toContain('[redacted]');
    const everything = `${error.message} ${error.hint ?? ''} ${error.place ?? ''} ${String(error.stack)}`;
    for (const secret of [REFRESH.refreshToken, REFRESH.clientSecret, 'old-token']) expect(everything).not.toContain(secret);
    expect(error.cause).toBeUndefined();
    expect(error.hint).toMatch(/SALESFORCE_REFRESH_TOKEN/);
    expect(stored).toEqual([]);
    expect(link.tokens.endpoint.calls).toBe(1);
  });

  it('retries a token endpoint that answers 503, and fails CRM_AUTH_FAILED naming the status when it keeps answering 503', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    nock(LOGIN).post(TOKEN_PATH).reply(503, 'Service Unavailable');
    answerToken(granted('new-token'));
    nock(INSTANCE, bearer('new-token')).get(`${DATA}/limits`).reply(200, {});
    const link = open({ refresh: REFRESH });
    await expect(link.request('limits', { method: 'GET', url: '/limits' })).resolves.toMatchObject({ ok: true });
    expect(link.tokens.endpoint.calls).toBe(2);

    nock(INSTANCE, bearer('busy-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    nock(LOGIN).post(TOKEN_PATH).times(2).reply(503, 'Service Unavailable');
    const busy = open({ accessToken: 'busy-token', refresh: REFRESH, retryPolicy: { baseMs: 1, capMs: 5, maxAttempts: 2 } });
    const error = await rejectionOf(busy.request('limits', { method: 'GET', url: '/limits' }));
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toContain(`POST ${LOGIN}${TOKEN_PATH} gave HTTP 503`);
    expect(busy.tokens.endpoint.calls).toBe(2);
  });

  it('fails CRM_AUTH_FAILED when the token endpoint never answers, after the kit\'s retries', async () => {
    // A port nothing listens on: connection refused, as a real drop (nock's replyWithError never settles jsforce's request).
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
    nock.enableNetConnect('127.0.0.1');
    try {
      nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
      const loginUrl = `http://127.0.0.1:${port}`;
      const link = open({ refresh: { ...REFRESH, loginUrl }, retryPolicy: { baseMs: 1, capMs: 5, maxAttempts: 3 } });
      const error = await rejectionOf(link.request('limits', { method: 'GET', url: '/limits' }));
      expect(error.code).toBe('CRM_AUTH_FAILED');
      expect(error.message).toContain(`POST ${loginUrl}${TOKEN_PATH} gave no answer after its retries`);
      expect(link.tokens.endpoint.calls).toBe(3);
      expect(link.tokens.endpoint.retries.get('network-error')).toBe(2);
    } finally {
      nock.disableNetConnect();
    }
  });

  it('follows a token answer that names another instance URL, for the replay and every later call', async () => {
    const moved = 'https://pulse-moved.my.salesforce.test';
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    answerToken(granted('new-token', `${moved}/`));
    nock(moved, bearer('new-token')).get(`${DATA}/limits`).twice().reply(200, { moved: true });
    const link = open({ refresh: REFRESH });
    await expect(link.request('limits', { method: 'GET', url: '/limits' })).resolves.toMatchObject({ ok: true, data: { moved: true } });
    await expect(link.request('limits', { method: 'GET', url: '/limits' })).resolves.toMatchObject({ ok: true, data: { moved: true } });
    expect(link.conn.instanceUrl).toBe(moved);
    expect(nock.isDone()).toBe(true);
  });

  it('keeps an expired session CRM_AUTH_FAILED without refresh or JWT, with a hint saying how to let the connector renew it', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(401, EXPIRED);
    const link = open();
    const error = await rejectionOf(link.request('limits', { method: 'GET', url: '/limits' }));
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.hint).toBe(RENEWAL_HINT);
    expect(error.hint).toMatch(/SALESFORCE_REFRESH_TOKEN and SALESFORCE_CLIENT_ID/);
    expect(link.caller.calls).toBe(1);
    expect(link.tokens.endpoint.calls).toBe(0);
  });

  it('does not refresh on a refusal that is not an expired session', async () => {
    nock(INSTANCE, bearer('old-token')).get(`${DATA}/limits`).reply(403, [{ message: 'bad header', errorCode: 'INVALID_AUTH_HEADER' }]);
    const link = open({ refresh: REFRESH });
    const error = await rejectionOf(link.request('limits', { method: 'GET', url: '/limits' }));
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.hint).toBeUndefined();
    expect(link.tokens.endpoint.calls).toBe(0);
  });
});

describe('JWT bearer flow', () => {
  it('obtains the first token with an RS256 assertion that verifies with the public key and names the right claims, and signs a new one when the session expires', async () => {
    const clock = fakeClock(1_750_000_000_000);
    const forms: URLSearchParams[] = [];
    answerToken(granted('jwt-token-1'), 200, forms);
    nock(INSTANCE, bearer('jwt-token-1')).get(`${DATA}/limits`).reply(200, { n: 1 });
    nock(INSTANCE, bearer('jwt-token-1')).get(`${DATA}/limits`).reply(401, EXPIRED);
    answerToken(granted('jwt-token-2'), 200, forms);
    nock(INSTANCE, bearer('jwt-token-2')).get(`${DATA}/limits`).reply(200, { n: 2 });
    const stored: string[] = [];
    const link = open({ accessToken: undefined, jwt: JWT, clock, onAccessToken: (token) => void stored.push(token) });

    await expect(link.request('limits', { method: 'GET', url: '/limits' })).resolves.toMatchObject({ data: { n: 1 } });
    clock.advance(3_600_000);
    await expect(link.request('limits', { method: 'GET', url: '/limits' })).resolves.toMatchObject({ data: { n: 2 } });

    expect(nock.isDone()).toBe(true);
    expect(stored).toEqual(['jwt-token-1', 'jwt-token-2']);
    expect(forms.map((form) => [...form.keys()].sort())).toEqual([
      ['assertion', 'grant_type'],
      ['assertion', 'grant_type'],
    ]);
    const starts = [1_750_000_000, 1_750_003_600];
    forms.forEach((form, index) => {
      expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      const parts = (form.get('assertion') ?? '').split('.');
      expect(parts).toHaveLength(3);
      expect(verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2] ?? '', 'base64url'))).toBe(true);
      expect(decodePart(parts[0])).toMatchObject({ alg: 'RS256' });
      expect(decodePart(parts[1])).toEqual({ iss: JWT.clientId, sub: JWT.username, aud: LOGIN, exp: (starts[index] ?? 0) + 180 });
    });
    // The first call had no token to spend: only the data calls and the one replay are counted.
    expect(link.caller.calls).toBe(3);
    expect(link.tokens.endpoint.calls).toBe(2);
  });

  it('obtains one first token for 4 concurrent first calls', async () => {
    const token = nock(LOGIN).post(TOKEN_PATH).delay(50).reply(200, granted('jwt-token'));
    nock(INSTANCE, bearer('jwt-token')).get(`${DATA}/limits`).times(4).reply(200, {});
    const link = open({ accessToken: undefined, jwt: JWT });
    const results = await Promise.all([1, 2, 3, 4].map(() => link.request('limits', { method: 'GET', url: '/limits' })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(token.isDone()).toBe(true);
    expect(link.tokens.endpoint.calls).toBe(1);
  });

  it('reports a refused assertion without the assertion or the key in the message', async () => {
    const forms: URLSearchParams[] = [];
    answerToken({ error: 'invalid_grant', error_description: 'user hasn\'t approved this consumer' }, 400, forms);
    const link = open({ accessToken: undefined, jwt: JWT });
    const error = await rejectionOf(link.request('limits', { method: 'GET', url: '/limits' }));
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toContain(`POST ${LOGIN}${TOKEN_PATH}`);
    expect(error.message).toContain('JWT bearer');
    expect(error.message).toContain('invalid_grant');
    expect(error.hint).toMatch(/SALESFORCE_PRIVATE_KEY_PATH/);
    const assertion = forms[0]?.get('assertion') ?? 'no assertion sent';
    const everything = `${error.message} ${error.hint ?? ''} ${String(error.stack)}`;
    for (const secret of [assertion, ...assertion.split('.'), PRIVATE_PEM.split('\n')[1] ?? 'no key line']) expect(everything).not.toContain(secret);
    expect(error.cause).toBeUndefined();
    expect(link.caller.calls).toBe(0);
  });
});

describe('credentials', () => {
  it('refuses options with neither an access token nor a way to get one', () => {
    expect(() => open({ accessToken: undefined })).toThrow(expect.objectContaining({ code: 'CRM_NOT_CONFIGURED', hint: expect.stringMatching(/SALESFORCE_ACCESS_TOKEN/) }));
    expect(() => open({ accessToken: '' })).toThrow(expect.objectContaining({ code: 'CRM_NOT_CONFIGURED' }));
  });

  it('refuses a refresh flow without a client id, both flows at once, and a key that is not PEM, naming no secret', () => {
    expect(() => open({ refresh: { ...REFRESH, clientId: '' } })).toThrow(expect.objectContaining({ code: 'CRM_NOT_CONFIGURED', place: 'SALESFORCE_CLIENT_ID' }));
    expect(() => open({ refresh: REFRESH, jwt: JWT })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const notPem = 'this-is-not-a-pem-key-but-a-secret';
    let error: unknown;
    try {
      open({ jwt: { ...JWT, privateKey: notPem } });
    } catch (failure) {
      error = failure;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', place: 'SALESFORCE_PRIVATE_KEY_PATH' });
    expect(String((error as Error).message)).not.toContain(notPem);
    expect((error as Error).cause).toBeUndefined();
    const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => open({ jwt: { ...JWT, privateKey: ecKey.export({ type: 'pkcs8', format: 'pem' }).toString() } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('refuses a login URL that is not http(s)', () => {
    expect(() => open({ refresh: { ...REFRESH, loginUrl: 'login.salesforce.com' } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', place: 'SALESFORCE_LOGIN_URL' }));
  });
});
