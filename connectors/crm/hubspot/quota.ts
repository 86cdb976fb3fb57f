/**
 * HubSpot resets the daily limit at midnight in the portal's time zone (its UTC offset comes from the
 * account-info call). A resume before the real reset would only meet the same 429 and stop again, so a
 * quota stop without Retry-After names the portal's next midnight.
 */
export function nextPortalMidnight(now: number, utcOffsetMs: number): string {
  const local = new Date(now + utcOffsetMs);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  return new Date(midnight - utcOffsetMs).toISOString();
}
