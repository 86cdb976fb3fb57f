import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { PulseError } from '../../../src/errors';
import { HUBSPOT } from './description';

export interface HubspotClientOptions {
  /** OAuth or private-app access token. Never logged. */
  accessToken: string;
  /** @defaultValue https://api.hubapi.com (tests and local fakes point it elsewhere) */
  baseUrl?: string;
}

/**
 * The official client, with its own retries off: retry and rate-limit decisions belong to the kit's
 * caller, driven by HubSpot's description, which sees every attempt. The SDK's Bottleneck limiter only runs when `limiterOptions`
 * is given, so leaving it out keeps it off too.
 */
export function createHubspotClient(options: HubspotClientOptions): Client {
  return new Client({
    accessToken: options.accessToken,
    basePath: (options.baseUrl ?? HUBSPOT.baseUrl)?.replace(/\/+$/, ''),
    numberOfApiCallRetries: 0,
  });
}

/** The SDK throws an `ApiException` per generated module; all carry the HTTP status as `code`. */
const apiException = z.object({ code: z.number() });

/** Maps an SDK error to the project's error convention; the message names the call, never the token. */
export function toHubspotError(error: unknown, call: string): PulseError {
  const parsed = apiException.safeParse(error);
  const status = parsed.success ? parsed.data.code : undefined;
  if (status === 401 || status === 403) {
    return new PulseError('CRM_AUTH_FAILED', `HubSpot refused ${call} (HTTP ${status}): check the access token and the app's scopes`, {
      place: call,
      cause: error,
    });
  }
  const detail = status === undefined ? (error instanceof Error ? error.name : 'unknown error') : `HTTP ${status}`;
  return new PulseError('CRM_REQUEST_FAILED', `HubSpot ${call} failed (${detail})`, { place: call, cause: error });
}
