import type { Clock } from './clock';
import type { WindowReport } from './headers';

/**
 * One installation's rate budget, shared by every call in a lane. An interface so several workers can
 * later share one budget (a Redis-backed limiter) without the caller changing.
 */
export interface RateLimiter {
  /** Waits for a free slot and takes it; call the returned function when the response has arrived. */
  acquire(): Promise<() => void>;
  /** Follows what the CRM reported on a response: its window length, a lower max, requests counted elsewhere. */
  observe(report: WindowReport): void;
  /** The CRM said the window is full without saying more: treat it as full from now. */
  saturate(): void;
}

/**
 * A sliding-window limiter kept in memory: at most `max` requests in any `windowMs`.
 *
 * A slot is stamped when its response arrives, not when the request leaves: a CRM counts a request
 * when it receives it, which is between the two, so a window measured from the response can only
 * close after the CRM's has. While a request is in flight its slot never expires.
 */
export class SlidingWindowLimiter implements RateLimiter {
  private readonly slots: { at: number }[] = [];
  private readonly waiters: (() => void)[] = [];
  private max: number;

  constructor(
    private readonly configuredMax: number,
    private windowMs: number,
    private readonly clock: Clock,
  ) {
    this.max = configuredMax;
  }

  async acquire(): Promise<() => void> {
    for (;;) {
      const now = this.clock.now();
      this.prune(now);
      if (this.slots.length < this.max) {
        const slot = { at: Number.POSITIVE_INFINITY };
        this.slots.push(slot);
        return () => {
          slot.at = this.clock.now();
          this.wake();
        };
      }
      const oldest = Math.min(...this.slots.map((slot) => slot.at));
      if (Number.isFinite(oldest)) await this.clock.sleep(oldest + this.windowMs - now);
      else await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /**
   * Follows the CRM: its window length, a lower max than configured (never a higher one: the configured
   * budget may leave room for other apps on the same account), and any requests it counted that this
   * limiter did not (other processes of the same installation) as slots taken now.
   */
  observe(report: WindowReport): void {
    if (report.intervalMs !== undefined && report.intervalMs > 0) this.windowMs = report.intervalMs;
    if (report.max !== undefined && report.max > 0) this.max = Math.min(this.configuredMax, report.max);
    if (report.remaining !== undefined && report.max !== undefined) {
      this.prune(this.clock.now());
      this.fill(report.max - report.remaining);
    }
  }

  saturate(): void {
    this.fill(this.max);
  }

  /** Slots counted in the current window (in flight included). */
  inUse(): number {
    this.prune(this.clock.now());
    return this.slots.length;
  }

  get limit(): { max: number; windowMs: number } {
    return { max: this.max, windowMs: this.windowMs };
  }

  private fill(used: number): void {
    const now = this.clock.now();
    while (this.slots.length < Math.min(used, this.max)) this.slots.push({ at: now });
  }

  private prune(now: number): void {
    for (let i = this.slots.length - 1; i >= 0; i -= 1) {
      const slot = this.slots[i];
      if (slot !== undefined && slot.at + this.windowMs <= now) this.slots.splice(i, 1);
    }
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
