/** HubSpot's limits as the fake enforces them: a rolling window, a daily count, and search's own per-second window. */
export interface FakeLimitOptions {
  /** Requests per window. @defaultValue 100 */
  max?: number;
  /** @defaultValue 10000 */
  windowMs?: number;
  /** Requests per day. @defaultValue 500000 */
  daily?: number;
  /** Search requests per second. @defaultValue 4 */
  searchPerSecond?: number;
}

export type LimitVerdict = { ok: true; headers: Record<string, string> } | { ok: false; policyName: string; headers: Record<string, string>; message: string };

class Window {
  private readonly arrivals: number[] = [];
  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  used(now: number): number {
    while (this.arrivals.length > 0 && (this.arrivals[0] ?? 0) <= now - this.windowMs) this.arrivals.shift();
    return this.arrivals.length;
  }

  take(now: number): boolean {
    if (this.used(now) >= this.max) return false;
    this.arrivals.push(now);
    return true;
  }
}

export class FakeLimits {
  private readonly window: Window;
  private readonly search: Window;
  private readonly daily: number;
  private usedToday = 0;

  constructor(options: FakeLimitOptions, private readonly now: () => number) {
    this.window = new Window(options.max ?? 100, options.windowMs ?? 10_000);
    this.search = new Window(options.searchPerSecond ?? 4, 1000);
    this.daily = options.daily ?? 500_000;
  }

  private headers(): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Max': String(this.window.max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.window.max - this.window.used(this.now()))),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.window.windowMs),
      'X-HubSpot-RateLimit-Daily': String(this.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.daily - this.usedToday)),
    };
  }

  /** The headers of an injected 429: the window (or the day) reported as spent. */
  refusalHeaders(policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY'): Record<string, string> {
    const headers = this.headers();
    if (policyName === 'DAILY') headers['X-HubSpot-RateLimit-Daily-Remaining'] = '0';
    else headers['X-HubSpot-RateLimit-Remaining'] = '0';
    return headers;
  }

  /** Counts a standard request, or refuses it the way HubSpot does. A refused request is not counted. */
  admit(): LimitVerdict {
    if (this.usedToday >= this.daily) return { ok: false, policyName: 'DAILY', headers: this.headers(), message: 'You have reached your daily limit.' };
    if (!this.window.take(this.now())) {
      return { ok: false, policyName: 'TEN_SECONDLY_ROLLING', headers: this.headers(), message: 'You have reached your ten_secondly_rolling limit.' };
    }
    this.usedToday += 1;
    return { ok: true, headers: this.headers() };
  }

  /** Search has its own limit and, like HubSpot's, answers without the rate-limit headers. */
  admitSearch(): LimitVerdict {
    if (this.search.take(this.now())) return { ok: true, headers: {} };
    return { ok: false, policyName: 'SECONDLY', headers: {}, message: 'You have reached your secondly limit.' };
  }

  /** A new day at the portal: the daily budget is whole again. */
  resetDaily(): void {
    this.usedToday = 0;
  }

  /** Spends the rest of the day's budget (to test the DAILY stop). */
  exhaustDaily(): void {
    this.usedToday = this.daily;
  }
}
