import { z } from 'zod';

const networkError = z.union([z.object({ name: z.literal('FetchError') }), z.object({ type: z.literal('system') }), z.object({ name: z.literal('AbortError') })]);

/**
 * No answer at all: node-fetch's FetchError (reset, refused, DNS) or an aborted request. Both SDKs here
 * (`@hubspot/api-client`, `jsforce`) send through node-fetch, so one test serves every CRM.
 */
export function isNetworkError(error: unknown): boolean {
  return networkError.safeParse(error).success;
}
