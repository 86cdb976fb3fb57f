import type { Exchange } from '../kit/caller';
import { isNetworkError } from '../kit/network';
import { toHubspotError } from './client';
import { captureRaw, parseErrorBody, type CallOptions, type RawResponse } from './raw';

/** HubSpot's error answer as the kit reads it: the status, headers, `policyName` (which 429 it is) and message. */
function refused(raw: RawResponse): Exchange<never> {
  const body = parseErrorBody(raw.text);
  return { kind: 'refused', status: raw.status, headers: raw.headers, code: body?.policyName, message: body?.message };
}

/**
 * One attempt of an SDK call, as the kit's caller takes it. `send` must pass `options` to the SDK method:
 * they capture the raw answer, which the SDK's own error drops (its `policyName` above all). An answer the
 * SDK could not read, or an error before any request, is thrown (not HubSpot's doing, not retried).
 */
export async function sdkExchange<T>(name: string, send: (options: CallOptions) => Promise<{ data: T }>): Promise<Exchange<T>> {
  let raw: RawResponse | undefined;
  let answer: { data: T } | undefined;
  let failure: unknown;
  try {
    answer = await send(captureRaw((captured) => (raw = captured)));
  } catch (error) {
    failure = error;
  }
  const captured = raw as RawResponse | undefined;
  if (captured === undefined) {
    if (answer === undefined && isNetworkError(failure)) return { kind: 'no-response', cause: failure };
    throw toHubspotError(failure, name);
  }
  if (answer !== undefined) return { kind: 'ok', status: captured.status, headers: captured.headers, data: answer.data };
  if (captured.status < 300) throw toHubspotError(failure, name);
  return refused(captured);
}

/** One attempt of a call the SDK has no typed method for (`client.apiRequest`): the answer's text, for the caller to parse. */
export async function rawExchange(name: string, fetch: () => Promise<RawResponse>): Promise<Exchange<string>> {
  let raw: RawResponse;
  try {
    raw = await fetch();
  } catch (error) {
    if (isNetworkError(error)) return { kind: 'no-response', cause: error };
    throw toHubspotError(error, name);
  }
  return raw.status < 300 ? { kind: 'ok', status: raw.status, headers: raw.headers, data: raw.text } : refused(raw);
}
