import type { CrmDescription } from './description';

/** Response headers, names lower-case. */
export type Headers = Readonly<Record<string, string>>;

/** Rate-limit state as a CRM reports it on one response; any field may be missing (HubSpot search sends none). */
export interface WindowReport {
  max?: number;
  remaining?: number;
  intervalMs?: number;
}

function headerNumber(headers: Headers, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const value = headers[name];
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The window state the description's limit headers report. */
export function windowReport(headers: Headers, names: CrmDescription['headers']): WindowReport {
  return {
    max: headerNumber(headers, names.limitMax),
    remaining: headerNumber(headers, names.limitRemaining),
    intervalMs: headerNumber(headers, names.limitIntervalMs),
  };
}

/** `Retry-After` in milliseconds, when given as seconds (the form every CRM here uses). */
export function retryAfterMs(headers: Headers, names: CrmDescription['headers']): number | undefined {
  const seconds = headerNumber(headers, names.retryAfter);
  return seconds !== undefined && seconds >= 0 ? seconds * 1000 : undefined;
}
