/**
 * HubSpot's OAuth token endpoint (`POST /oauth/2026-03/token`): an install's code exchanged for tokens,
 * and a refresh token for a new pair. Called with global `fetch`, not the SDK: the SDK's `tokensApi`
 * calls `/oauth/v1/token`, which HubSpot retires on 16 Feb 2027.
 */
import { z } from 'zod';
import { PulseError } from '../../../src/errors';
import type { HubspotOAuthTokens } from './oauth';

export const HUBSPOT_TOKEN_PATH = '/oauth/2026-03/token';
const ENDPOINT = `POST ${HUBSPOT_TOKEN_PATH}`;
const DEFAULT_BASE_URL = 'https://api.hubapi.com';

interface EndpointOptions {
  /** @defaultValue https://api.hubapi.com */
  baseUrl?: string;
  clientId: string;
  clientSecret: string;
  /** Waits between retries; tests pass one that returns at once. @defaultValue setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export interface HubspotCodeExchange extends EndpointOptions {
  code: string;
  redirectUri: string;
  /** The PKCE verifier whose challenge went out with the install link. */
  codeVerifier: string;
}

export interface HubspotTokenRefresh extends EndpointOptions {
  refreshToken: string;
}

/** Tokens for the code HubSpot handed the install callback. */
export async function exchangeHubspotCode(request: HubspotCodeExchange, nowMs: number): Promise<HubspotOAuthTokens> {
  const answer = await postTokenForm(request, {
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    client_id: request.clientId,
    client_secret: request.clientSecret,
    code_verifier: request.codeVerifier,
  }, 'start the install again from the install link');
  // A code exchange always yields a refresh token; without one the installation could not outlive its first access token.
  if (answer.refresh_token === undefined) throw new PulseError('CRM_AUTH_FAILED', `HubSpot's ${ENDPOINT} answered a code exchange without a refresh token`, { place: ENDPOINT, hint: 'start the install again from the install link' });
  return toTokens(answer, answer.refresh_token, nowMs);
}

/** A new access token for a refresh token; HubSpot may leave the refresh token as it was, so the old one is kept then. */
export async function refreshHubspotTokens(request: HubspotTokenRefresh, nowMs: number): Promise<HubspotOAuthTokens> {
  const answer = await postTokenForm(request, {
    grant_type: 'refresh_token',
    refresh_token: request.refreshToken,
    client_id: request.clientId,
    client_secret: request.clientSecret,
  }, 'reinstall the app in the HubSpot portal');
  return toTokens(answer, answer.refresh_token ?? request.refreshToken, nowMs);
}

const tokenAnswer = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1).optional(), expires_in: z.number().positive() });
type TokenAnswer = z.infer<typeof tokenAnswer>;

/** What HubSpot says when it refuses: its own `status`/`category`/`message`, or OAuth's `error`/`error_description`. */
const refusal = z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  error_description: z.string().optional(),
});

function toTokens(answer: TokenAnswer, refreshToken: string, nowMs: number): HubspotOAuthTokens {
  return { accessToken: answer.access_token, refreshToken, expiresAt: nowMs + answer.expires_in * 1000 };
}

/** Attempts in all, and the wait before each retry: a refresh sits in front of a sync run, so it gives up within seconds. */
const RETRY_DELAYS_MS = [250, 1000, 2000] as const;
const MAX_RETRY_AFTER_MS = 5000;

/**
 * Whether an attempt is worth repeating and after how long: a network error, a 429 or a 5xx, a few
 * times. Pure, so the decision is tested without a server. `failures` counts this one.
 */
export function tokenRetryDelay(outcome: { status: number; retryAfter?: string | null } | 'network', failures: number): number | null {
  const delay = RETRY_DELAYS_MS[failures - 1];
  if (delay === undefined) return null;
  if (outcome === 'network') return delay;
  if (outcome.status !== 429 && outcome.status < 500) return null;
  const seconds = Number(outcome.retryAfter);
  return outcome.status === 429 && outcome.retryAfter && Number.isFinite(seconds) ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : delay;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function postTokenForm(options: EndpointOptions, form: Record<string, string>, hint: string): Promise<TokenAnswer> {
  const url = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}${HUBSPOT_TOKEN_PATH}`;
  const sleep = options.sleep ?? defaultSleep;
  // grant_type is a word, not a secret: scrubbing it would garble HubSpot's own message.
  const secrets = Object.entries(form).filter(([name]) => name !== 'grant_type').map(([, value]) => value);
  for (let failures = 1; ; failures++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const wait = tokenRetryDelay('network', failures);
      // The cause is dropped: an undici error can carry the request, and the request carries the secret.
      if (wait === null) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot's ${ENDPOINT} could not be reached after ${failures} attempts: ${scrub(describe(error), secrets)}`, { place: ENDPOINT, hint: 'check the network and HUBSPOT_BASE_URL, then run again' });
      await sleep(wait);
      continue;
    }
    const text = await response.text();
    if (response.ok) return parseAnswer(text);
    const wait = tokenRetryDelay({ status: response.status, retryAfter: response.headers.get('retry-after') }, failures);
    if (wait !== null) {
      await sleep(wait);
      continue;
    }
    const detail = scrub(refusalDetail(text), secrets);
    if (response.status === 429 || response.status >= 500) {
      throw new PulseError('CRM_REQUEST_FAILED', `HubSpot's ${ENDPOINT} failed with HTTP ${response.status} after ${failures} attempts${detail}`, { place: ENDPOINT, hint: 'HubSpot is unavailable; run again later' });
    }
    throw new PulseError('CRM_AUTH_FAILED', `HubSpot refused ${ENDPOINT} with HTTP ${response.status}${detail}`, { place: ENDPOINT, hint });
  }
}

function parseAnswer(text: string): TokenAnswer {
  let parsed: ReturnType<typeof tokenAnswer.safeParse>;
  try {
    parsed = tokenAnswer.safeParse(JSON.parse(text));
  } catch (error) {
    // Not JSON (a proxy's HTML page): an answer without tokens, named as such below.
    if (!(error instanceof SyntaxError)) throw error;
    parsed = tokenAnswer.safeParse(undefined);
  }
  // The body is never echoed: it holds the tokens.
  if (!parsed.success) throw new PulseError('CRM_REQUEST_FAILED', `HubSpot's ${ENDPOINT} answered without an access_token and expires_in`, { place: ENDPOINT });
  return parsed.data;
}

/** `: BAD_REFRESH_TOKEN (category …): message`, from whatever of HubSpot's fields the body holds. */
function refusalDetail(text: string): string {
  let body: z.infer<typeof refusal> = {};
  try {
    body = refusal.safeParse(JSON.parse(text)).data ?? {};
  } catch (error) {
    // Not JSON (a proxy's page): the status alone is said.
    if (!(error instanceof SyntaxError)) throw error;
  }
  const code = [body.status, body.error].filter((v) => v !== undefined && v !== '').join(' / ');
  const category = body.category ? ` (category ${body.category})` : '';
  const message = body.message ?? body.error_description;
  const said = `${code}${category}${message ? `${code || category ? ': ' : ''}${message.slice(0, 300)}` : ''}`;
  return said === '' ? '' : `: ${said}`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'no answer';
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** Every form value (code, secret, tokens, verifier) taken out of text HubSpot or the network echoed. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((out, secret) => out.split(secret).join('***').split(encodeURIComponent(secret)).join('***'), text);
}
