import type { Connection, HttpRequest } from 'jsforce';
import { CrmCaller, type CallResult, type RetryEvent } from '../kit/caller';
import type { Clock } from '../kit/clock';
import type { RetryBudget } from '../kit/description';
import { STANDARD_LANE } from '../kit/lanes';
import { createSalesforceConnection, type SalesforceConnectionOptions } from './client';
import { SALESFORCE } from './description';
import { jsforceExchange } from './exchange';

export interface SalesforceLinkOptions extends SalesforceConnectionOptions {
  /** Replaces some of the description's retry numbers (tests shorten the backoff). @defaultValue SALESFORCE.retry */
  retryPolicy?: Partial<RetryBudget>;
  /** For tests: time and randomness. @defaultValue the system clock, Math.random */
  clock?: Clock;
  random?: () => number;
  /** Each retry, with its reason, for logs and metrics. */
  onRetry?: (event: RetryEvent) => void;
}

/** One org's connection: the jsforce Connection and the kit's caller (limits, retries, counts). */
export interface SalesforceLink {
  readonly conn: Connection;
  readonly caller: CrmCaller;
  /** A REST request (a path relative to `/services/data/vXX.X`, or absolute) within the limits, retried by the description's rules. */
  request<T>(name: string, request: HttpRequest): Promise<CallResult<T>>;
}

export function openSalesforceLink(options: SalesforceLinkOptions): SalesforceLink {
  const conn = createSalesforceConnection(options);
  const caller = new CrmCaller({ description: SALESFORCE, clock: options.clock, random: options.random, retry: options.retryPolicy, onRetry: options.onRetry });
  return {
    conn,
    caller,
    request: <T>(name: string, request: HttpRequest) => caller.call(name, STANDARD_LANE, () => jsforceExchange<T>(name, (capture) => conn.request<T>(request, capture))),
  };
}
