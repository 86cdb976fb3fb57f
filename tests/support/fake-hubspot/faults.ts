/** What the fake can do to a request instead of (or besides) answering it. */
export type FaultKind =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' }
  | { kind: 'slow'; ms: number }
  /** `before`: the request is never processed; `after`: it is processed (records written), then the connection drops. */
  | { kind: 'drop'; when: 'before' | 'after' };

export interface FaultRule {
  fault: FaultKind;
  method?: string;
  /** A path fragment or pattern; any path when left out. */
  path?: string | RegExp;
  /** How many requests it hits, then it is spent. @defaultValue 1 (unless `probability` is set: unlimited) */
  times?: number;
  /** Hit each matching request with this probability (from the fake's seeded random). */
  probability?: number;
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
      const name = rule.fault.kind === 'status' ? `status ${rule.fault.status}` : rule.fault.kind === 'drop' ? `drop ${rule.fault.when}` : rule.fault.kind;
      this.applied.set(name, (this.applied.get(name) ?? 0) + 1);
    }
    return hits;
  }
}
