import type { HttpRequestOptions, HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import type { Exchange } from '../kit/caller';
import { isNetworkError } from '../kit/network';
import { salesforceErrorCode, toSalesforceError } from './client';

/** The per-request options a jsforce call must be given: the capturing transport, and jsforce's own retries off (the kit's run). */
export type CaptureOptions = HttpRequestOptions & { transport: Transport };

/**
 * A transport that hands on each raw answer: jsforce's errors keep Salesforce's `errorCode` but not the
 * HTTP status or headers, which the description's rules match on.
 */
class CapturingTransport extends Transport {
  constructor(private readonly sink: (response: HttpResponse) => void) {
    super();
  }

  override httpRequest(...args: Parameters<Transport['httpRequest']>): ReturnType<Transport['httpRequest']> {
    const request = super.httpRequest(...args);
    // A failed request reaches jsforce (and so the caller) through `request` itself; this branch only records answers.
    request.then(this.sink, () => undefined);
    return request;
  }
}

function errorMessage(error: unknown): string | undefined {
  return error instanceof Error ? error.message : undefined;
}

/**
 * One attempt of a jsforce call, as the kit's caller takes it. `send` must pass `options` to
 * `conn.request`. An answer jsforce could not read, or an error before any request, is thrown.
 */
export async function jsforceExchange<T>(name: string, send: (options: CaptureOptions) => Promise<T>): Promise<Exchange<T>> {
  let raw: HttpResponse | undefined;
  const options: CaptureOptions = { transport: new CapturingTransport((response) => (raw = response)), retry: { maxRetries: 0 } };
  let sent = false;
  let data: T | undefined;
  let failure: unknown;
  try {
    data = await send(options);
    sent = true;
  } catch (error) {
    failure = error;
  }
  const captured = raw as HttpResponse | undefined;
  if (captured === undefined) {
    if (!sent && isNetworkError(failure)) return { kind: 'no-response', cause: failure };
    throw toSalesforceError(failure, name);
  }
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(captured.headers)) headers[header.toLowerCase()] = value;
  if (sent) return { kind: 'ok', status: captured.statusCode, headers, data: data as T };
  if (captured.statusCode < 300) throw toSalesforceError(failure, name);
  return { kind: 'refused', status: captured.statusCode, headers, code: salesforceErrorCode(failure), message: errorMessage(failure) };
}
