/**
 * The org's daily API allocation as the fake counts it: every data call admitted past the session check
 * is one call, reported on each answer in `Sforce-Limit-Info: api-usage=N/M`.
 */
export class FakeApiUsage {
  used: number;

  constructor(
    /** Calls per day. @defaultValue 100000 */
    readonly dailyLimit = 100_000,
    /** Calls already spent today when the fake starts. @defaultValue 0 */
    initial = 0,
  ) {
    this.used = initial;
  }

  header(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.used}/${this.dailyLimit}` };
  }

  /** Counts one call, or refuses it (not counted) when the day's allocation is spent. */
  admit(): boolean {
    if (this.used >= this.dailyLimit) return false;
    this.used += 1;
    return true;
  }

  /** A new day at the org. */
  resetDaily(): void {
    this.used = 0;
  }

  /** Spends the rest of the day's allocation (to test the stop on `REQUEST_LIMIT_EXCEEDED`). */
  exhaustDaily(): void {
    this.used = this.dailyLimit;
  }
}
