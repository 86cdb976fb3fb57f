import type { Clock } from './clock';
import type { CrmDescription } from './description';
import { SlidingWindowLimiter, type RateLimiter } from './limiter';

/** The lane every call uses unless the description gives its endpoint a budget of its own. */
export const STANDARD_LANE = 'standard';

/**
 * One in-memory limiter per lane of the description: `standard` for its rate window, one per extra lane.
 * `standardMax` replaces the window's max (an installation's tier, e.g. HubSpot's 110 or 190).
 */
export function createLimiters(description: CrmDescription, clock: Clock, standardMax?: number): Record<string, RateLimiter> {
  const limiters: Record<string, RateLimiter> = {
    [STANDARD_LANE]: new SlidingWindowLimiter(standardMax ?? description.rateWindow.maxRequests, description.rateWindow.windowMs, clock),
  };
  for (const [lane, window] of Object.entries(description.lanes)) limiters[lane] = new SlidingWindowLimiter(window.maxRequests, window.windowMs, clock);
  return limiters;
}
