import nock from 'nock';
import { exchangeSalesforceCode, salesforceAuthorizeUrl } from '../../../connectors/crm/salesforce/authorization-code';
import { SALESFORCE_TOKEN_ENDPOINT } from '../../../connectors/crm/salesforce/token-endpoint';
import { CrmCaller } from '../../../connectors/crm/kit/caller';
import type { PulseError } from '../../../src/errors';
import { rejectionOf } from '../../support/pulse-error';

/** The install's code exchange (OAuth web server flow with PKCE), the token endpoint answered by nock. */
const LOGIN = 'https://login.salesforce.test';
const TOKEN_PATH = '/services/oauth2/token';
const INSTANCE = 'https://acme.my.salesforce.test';
const ORG_ID = '00D5g000004Hk2AEAS';
const USER_ID = '0055g000001AbCdAAK';
const EXCHANGE = {
  loginUrl: LOGIN,
  clientId: 'pulse-consumer-key',
  clientSecret: 'consumer-secret-5678',
  code: 'aPrxAuthCode-9911',
  redirectUri: 'https://pulse.example.com/oauth/salesforce/callback',
  codeVerifier: 'verifier-0123456789abcdefghijklmnopqrstuvwxyzABCD',
};

const granted = (overrides: Record<string, unknown> = {}) => ({
  access_token: '00D!access-token-4321',
  refresh_token: '5Aep-refresh-token-8765',
  instance_url: INSTANCE,
  id: `https://login.salesforce.com/id/${ORG_ID}/${USER_ID}`,
  token_type: 'Bearer',
  issued_at: '1760000000000',
  signature: 'sig',
  scope: 'api refresh_token',
  ...overrides,
});

const fastCaller = () => new CrmCaller({ description: SALESFORCE_TOKEN_ENDPOINT, retry: { baseMs: 1, capMs: 5 }, random: () => 0 });
const exchange = (overrides: Partial<typeof EXCHANGE> & { clientSecret?: string } = {}) => exchangeSalesforceCode({ ...EXCHANGE, caller: fastCaller(), ...overrides });

/** Answers the token endpoint once, recording the raw form and content type it was sent. */
function answerToken(status: number, answer: unknown, sent: { body: string; contentType: string }[] = []): nock.Scope {
  return nock(LOGIN)
    .post(TOKEN_PATH)
    .reply(function (_uri, body) {
      sent.push({ body: typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString(), contentType: String(this.req.headers['content-type']) });
      return [status, answer];
    });
}


const everything = (error: PulseError) => `${error.message} ${error.hint ?? ''} ${error.place ?? ''} ${String(error.stack)}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('exchangeSalesforceCode', () => {
  it('posts the authorization code grant as a form and reads the org, user, instance and refresh token from the answer', async () => {
    const sent: { body: string; contentType: string }[] = [];
    answerToken(200, granted(), sent);

    await expect(exchange()).resolves.toEqual({
      accessToken: '00D!access-token-4321',
      refreshToken: '5Aep-refresh-token-8765',
      instanceUrl: INSTANCE,
      orgId: ORG_ID,
      userId: USER_ID,
    });

    expect(sent).toHaveLength(1);
    expect(sent[0]?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect([...new URLSearchParams(sent[0]?.body)]).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', EXCHANGE.code],
      ['redirect_uri', EXCHANGE.redirectUri],
      ['client_id', EXCHANGE.clientId],
      ['client_secret', EXCHANGE.clientSecret],
      ['code_verifier', EXCHANGE.codeVerifier],
    ]);
  });

  it('leaves client_secret out of the form when there is none, and reads a 15-character id from a My Domain identity URL', async () => {
    const sent: { body: string; contentType: string }[] = [];
    answerToken(200, granted({ id: 'https://acme.my.salesforce.com/id/00D5g000004Hk2A/0055g000001AbCd', instance_url: `${INSTANCE}/` }), sent);

    await expect(exchange({ clientSecret: undefined })).resolves.toMatchObject({ orgId: '00D5g000004Hk2A', userId: '0055g000001AbCd', instanceUrl: INSTANCE });
    expect([...new URLSearchParams(sent[0]?.body).keys()]).toEqual(['grant_type', 'code', 'redirect_uri', 'client_id', 'code_verifier']);
  });

  it('turns invalid_grant into CRM_AUTH_FAILED naming it, with no code, secret or verifier anywhere in the error', async () => {
    // A description that echoes the code: the message must not carry it on.
    answerToken(400, { error: 'invalid_grant', error_description: `invalid authorization code ${EXCHANGE.code}` });

    const error = await rejectionOf(exchange());

    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toContain('invalid_grant');
    expect(error.message).toContain('authorization code flow');
    expect(error.hint).toMatch(/install again/);
    for (const secret of [EXCHANGE.code, EXCHANGE.clientSecret, EXCHANGE.codeVerifier]) expect(everything(error)).not.toContain(secret);
    expect(error.cause).toBeUndefined();
    expect(nock.isDone()).toBe(true);
  });

  it('retries a 503 and takes the answer that follows', async () => {
    answerToken(503, { error: 'unavailable' });
    answerToken(200, granted());
    const caller = fastCaller();

    await expect(exchangeSalesforceCode({ ...EXCHANGE, caller })).resolves.toMatchObject({ orgId: ORG_ID, refreshToken: '5Aep-refresh-token-8765' });
    expect(caller.calls).toBe(2);
    expect(nock.isDone()).toBe(true);
  });

  it('refuses an answer without a refresh token, saying to add the refresh_token scope, with no token in the error', async () => {
    const { refresh_token: _dropped, ...withoutRefresh } = granted();
    answerToken(200, withoutRefresh);

    const error = await rejectionOf(exchange());

    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toMatch(/no refresh token: the External Client App lacks the refresh_token scope/);
    expect(error.place).toBe('POST /services/oauth2/token');
    expect(error.hint).toMatch(/refresh_token scope/);
    for (const secret of ['00D!access-token-4321', EXCHANGE.code, EXCHANGE.clientSecret, EXCHANGE.codeVerifier]) expect(everything(error)).not.toContain(secret);
  });

  it.each([
    ['missing', undefined],
    ['not a URL', 'not a url'],
    ['without a user', `https://login.salesforce.com/id/${ORG_ID}`],
    ['with ids of the wrong kind', `https://login.salesforce.com/id/${USER_ID}/${ORG_ID}`],
  ])('refuses an answer whose identity URL is %s', async (_case, id) => {
    answerToken(200, granted({ id }));
    const error = await rejectionOf(exchange());
    expect(error.code).toBe('CRM_AUTH_FAILED');
    expect(error.message).toMatch(/identity URL/);
    expect(error.place).toBe('POST /services/oauth2/token');
  });
});

describe('salesforceAuthorizeUrl', () => {
  const options = { loginUrl: `${LOGIN}/`, clientId: 'pulse-consumer-key', redirectUri: EXCHANGE.redirectUri, state: 'signed.state', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' };

  it('sends the admin to the authorize endpoint with the code flow, PKCE S256 and the api and refresh_token scopes', () => {
    const url = new URL(salesforceAuthorizeUrl(options));
    expect(`${url.origin}${url.pathname}`).toBe(`${LOGIN}/services/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'pulse-consumer-key',
      redirect_uri: EXCHANGE.redirectUri,
      state: 'signed.state',
      code_challenge: options.codeChallenge,
      code_challenge_method: 'S256',
      scope: 'api refresh_token',
    });
  });

  it('takes other scopes', () => {
    expect(new URL(salesforceAuthorizeUrl({ ...options, scopes: ['api', 'refresh_token', 'id'] })).searchParams.get('scope')).toBe('api refresh_token id');
  });
});
