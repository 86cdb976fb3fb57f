import type { Headers } from '../kit/headers';

/** `Sforce-Limit-Info: api-usage=25/15000`: the org's rolling 24-hour API calls, used and allowed. */
const API_USAGE = /(?:^|[\s,;])api-usage=(\d+)\/(\d+)/;

export interface ApiUsage {
  used: number;
  max: number;
}

/** The org's daily API usage from an answer's headers (lower-case names), or undefined when it is not reported. */
export function readApiUsage(headers: Headers): ApiUsage | undefined {
  const match = API_USAGE.exec(headers['sforce-limit-info'] ?? '');
  if (match === null) return undefined;
  const used = Number(match[1]);
  const max = Number(match[2]);
  return max > 0 ? { used, max } : undefined;
}

/**
 * The kit caller's `quotaSpent` rule for Salesforce: the org's allocation is shared with every other
 * integration and user, so a run stops (resumable) once the org has used `share` of it, leaving the
 * rest to them, rather than when Salesforce refuses calls outright.
 */
export function apiShareSpent(share: number): (headers: Headers) => boolean {
  return (headers) => {
    const usage = readApiUsage(headers);
    return usage !== undefined && usage.used >= usage.max * share;
  };
}
