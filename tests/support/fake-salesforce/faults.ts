/** What the fake can do to a request instead of (or besides) answering it. */
export type FaultKind =
  | { kind: 'status'; status: number }
  /** Salesforce's 403 `REQUEST_LIMIT_EXCEEDED`, as when the org's daily API allocation is spent. */
  | { kind: 'limit' }
  /**
   * A composite write where the records at these positions fail with `UNABLE_TO_LOCK_ROW` (not written)
   * and the others go through. @defaultValue positions [0]
   */
  | { kind: 'lock'; positions?: number[] }
  | { kind: 'slow'; ms: number }
  /** `before`: the request is never processed; `after`: it is processed (records written), then the connection drops. */
  | { kind: 'drop'; when: 'before' | 'after' };

export interface FaultRule {
  fault: FaultKind;
  method?: string;
  /** A path fragment or pattern (the path after `/services/data/vNN.0`); any path when left out. */
  path?: string | RegExp;
  /** How many requests it hits, then it is spent. @defaultValue 1 (unless `probability` is set: unlimited) */
  times?: number;
  /** Hit each matching request with this probability (from the fake's seeded random). */
  probability?: number;
}

function faultName(fault: FaultKind): string {
  if (fault.kind === 'status') return `status ${fault.status}`;
  if (fault.kind === 'drop') return `drop ${fault.when}`;
  return fault.kind;
}

export class FaultInjector {
  private readonly rules: { rule: FaultRule; left: number }[] = [];
  /** Faults applied, by kind, for assertions and benchmark output. */
  readonly applied = new Map<string, number>();

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? (rule.probability === undefined ? 1 : Number.POSITIVE_INFINITY) });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The faults for one request, in the order added; each hit uses up one of its `times`. */
  take(method: string, path: string): FaultKind[] {
    const hits: FaultKind[] = [];
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      entry.left -= 1;
      hits.push(rule.fault);
      this.applied.set(faultName(rule.fault), (this.applied.get(faultName(rule.fault)) ?? 0) + 1);
    }
    return hits;
  }
}
