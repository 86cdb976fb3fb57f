import { z } from 'zod';
import { PulseError } from '../../../src/errors';
import type { Clock } from './clock';
import type { HubspotOAuthOptions } from './oauth';
import { HUBSPOT, type HubspotRateLimit } from './provider';
import type { RetryPolicy, RetryReason } from './retry';

export interface HubspotConnectorOptions {
  /** Private-app token (`HUBSPOT_ACCESS_TOKEN`). Ignored when `oauth` is given. Never logged. */
  accessToken: string;
  /** @defaultValue https://api.hubapi.com (`HUBSPOT_BASE_URL`; tests and local fakes point it elsewhere) */
  baseUrl?: string;
  /** Requests per rolling 10 s for this installation; the `X-HubSpot-RateLimit-*` headers can only lower it. @defaultValue 100 */
  rateLimitPer10s?: HubspotRateLimit;
  /** Match accounts without an id by company domain (search). @defaultValue false */
  matchByDomain?: boolean;
  /** Create a company for an account HubSpot does not hold. @defaultValue false */
  createMissingCompanies?: boolean;
  /** The portal id; read from `GET /account-info/v3/details` when left out ('hubspot-default' if that fails). */
  installationId?: string;
  /** An installation's OAuth tokens, refreshed before expiry, instead of a private-app token. */
  oauth?: HubspotOAuthOptions;
  /** Batch calls in flight at once. @defaultValue 4 */
  concurrency?: number;
  /** @defaultValue DEFAULT_RETRY_POLICY */
  retryPolicy?: RetryPolicy;
  /** For tests: time and randomness. */
  clock?: Clock;
  random?: () => number;
  /** Each retry, with its reason, for logs and metrics. */
  onRetry?: (event: { call: string; reason: RetryReason; waitMs: number }) => void;
}

const env = z.object({
  HUBSPOT_ACCESS_TOKEN: z.string().min(1, 'HUBSPOT_ACCESS_TOKEN is required'),
  HUBSPOT_BASE_URL: z.url().optional(),
  HUBSPOT_RATE_LIMIT_PER_10S: z
    .enum(HUBSPOT.rateLimitsPer10s.map(String) as [string, ...string[]])
    .transform((value) => Number(value) as HubspotRateLimit)
    .optional(),
});

/** Connector options from the environment, parsed once; every bad key is named, the token never printed. */
export function hubspotOptionsFromEnv(source: Readonly<Record<string, string | undefined>>): HubspotConnectorOptions {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new PulseError('CONFIG_INVALID', `HubSpot settings are invalid: ${problems}`, { place: 'env' });
  }
  return { accessToken: parsed.data.HUBSPOT_ACCESS_TOKEN, baseUrl: parsed.data.HUBSPOT_BASE_URL, rateLimitPer10s: parsed.data.HUBSPOT_RATE_LIMIT_PER_10S };
}
