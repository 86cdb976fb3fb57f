import type { HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import { z } from 'zod';
import { PulseError } from '../../../src/errors';
import type { CrmCaller, Exchange } from '../kit/caller';
import { defineCrm } from '../kit/description';
import { STANDARD_LANE } from '../kit/lanes';
import { isNetworkError } from '../kit/network';
import { SALESFORCE } from './description';

/**
 * The OAuth token endpoint as the kit's caller sees it: Salesforce's backoff for 5xx, 408 and dropped
 * connections, but no `auth` or `stop` rules. A refused grant (400 `invalid_grant`, 401 `invalid_client`)
 * is an answer to read and name, not a data call's expired session, so the caller hands it back as a
 * failed result instead of throwing its generic CRM_AUTH_FAILED.
 */
export const SALESFORCE_TOKEN_ENDPOINT = defineCrm({ ...SALESFORCE, label: 'the Salesforce token endpoint', retry: { ...SALESFORCE.retry, stop: [], auth: [] } });

/** One token request: which flow, where, its form fields, and what to tell the user when it is refused. */
export interface TokenRequest {
  flow: 'refresh token' | 'JWT bearer' | 'authorization code';
  /** Without a trailing slash. */
  loginUrl: string;
  /** The form body; every value but `grant_type` is treated as a secret (never in a message). */
  form: Record<string, string>;
  /** What to do about a refusal, by OAuth's error code (`invalid_grant`…). */
  hintFor(oauthError: string | undefined): string;
}

export interface TokenAnswer {
  accessToken: string;
  /** The org's instance as the token answer names it (it moves when an org is migrated or a My Domain changes). */
  instanceUrl?: string;
  /** Only the authorization code flow is answered with one, and only when the app grants the refresh_token scope. */
  refreshToken?: string;
  /** The identity URL (`https://login.salesforce.com/id/<org id>/<user id>`), naming whom the token is for. */
  identityUrl?: string;
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  instance_url: z.url().optional(),
  refresh_token: z.string().min(1).optional(),
  id: z.string().optional(),
});
const oauthError = z.object({ error: z.string().min(1), error_description: z.string().optional() });

export function tokenEndpointUrl(loginUrl: string): string {
  return `${loginUrl}/services/oauth2/token`;
}

/** Replaces every secret of the form in a text the token endpoint sent, should it ever echo one. */
function withoutSecrets(text: string, form: Record<string, string>): string {
  let clean = text;
  for (const [name, value] of Object.entries(form)) {
    if (name !== 'grant_type' && value.length > 0) clean = clean.split(value).join('[redacted]');
  }
  return clean;
}

function readJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    // An HTML error page from a proxy or a maintenance screen: an answer without a body we can read.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * One attempt, as the kit's caller takes it. jsforce's `OAuth2` class is not used: its `_postParams` keeps
 * the status only inside an error's name and has no place for the kit's retry rules; jsforce's `Transport`
 * (jsforce's own retries off) is the same node-fetch client the data calls go through, and keeps the status.
 */
async function postForm(request: TokenRequest): Promise<Exchange<unknown>> {
  const url = tokenEndpointUrl(request.loginUrl);
  let response: HttpResponse;
  try {
    response = await new Transport().httpRequest(
      { method: 'POST', url, body: new URLSearchParams(request.form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { retry: { maxRetries: 0 } },
    );
  } catch (error) {
    if (isNetworkError(error)) return { kind: 'no-response', cause: error };
    // No `cause`: an error raised while sending may carry the request, and so the form's secrets.
    throw new PulseError('CRM_AUTH_FAILED', `cannot send POST ${url} (${error instanceof Error ? error.name : 'unknown error'})`, {
      place: `POST ${url}`,
      hint: 'check SALESFORCE_LOGIN_URL',
    });
  }
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(response.headers)) headers[header.toLowerCase()] = value;
  const body = readJson(response.body);
  if (response.statusCode >= 200 && response.statusCode < 300) return { kind: 'ok', status: response.statusCode, headers, data: body };
  const error = oauthError.safeParse(body);
  return {
    kind: 'refused',
    status: response.statusCode,
    headers,
    code: error.success ? error.data.error : undefined,
    // The caller's failed result carries this as its message: say so when Salesforce gave no description.
    message: error.success ? (error.data.error_description ?? 'no error_description') : undefined,
  };
}

/**
 * Asks the token endpoint for a new access token through `caller` (its own caller: a token request is not
 * a data API call, so it is not in the link's `caller.calls`). Any failure is CRM_AUTH_FAILED naming the
 * endpoint and OAuth's error code; no message carries a token, secret or assertion, and none has a `cause`.
 */
export async function requestSalesforceToken(caller: CrmCaller, request: TokenRequest): Promise<TokenAnswer> {
  const place = `POST ${tokenEndpointUrl(request.loginUrl)}`;
  const result = await caller.call(place, STANDARD_LANE, () => postForm(request));
  if (!result.ok) {
    const answered = result.status === undefined ? 'no answer after its retries' : `HTTP ${result.status}`;
    const detail = result.code === undefined ? answered : `${answered}, ${result.code}: ${result.message}`;
    throw new PulseError('CRM_AUTH_FAILED', `Salesforce did not grant a session (${request.flow} flow): ${place} gave ${withoutSecrets(detail, request.form)}`, {
      place,
      hint: result.retryable ? 'the token endpoint did not answer in time or is failing; check SALESFORCE_LOGIN_URL and try again' : request.hintFor(result.code),
    });
  }
  const answer = tokenAnswer.safeParse(result.data);
  if (!answer.success) {
    throw new PulseError('CRM_AUTH_FAILED', `Salesforce's answer to ${place} (${request.flow} flow) has no access_token`, { place, hint: 'check that SALESFORCE_LOGIN_URL is the Salesforce login URL' });
  }
  return { accessToken: answer.data.access_token, instanceUrl: answer.data.instance_url, refreshToken: answer.data.refresh_token, identityUrl: answer.data.id };
}
