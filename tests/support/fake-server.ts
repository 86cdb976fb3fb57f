import type { AddressInfo } from 'node:net';
import type { Express, Response } from 'express';

/**
 * What a local fake CRM does to a request instead of (or besides) answering it, and the rule that picks
 * the requests: shared by the fake HubSpot and the fake Salesforce, which each name their own fault kinds.
 */
/** `before`: the request is never processed; `after`: it is processed (records written), then the connection drops. */
export interface DropFault {
  kind: 'drop';
  when: 'before' | 'after';
}

/** A dropped connection, the same in every fake: destroyed unanswered, or marked to drop after the route ran. */
export function applyDrop(fault: DropFault, res: Response): 'answered' | 'continue' {
  if (fault.when === 'before') {
    res.socket?.destroy();
    return 'answered';
  }
  res.locals.dropAfter = true;
  return 'continue';
}

/** How an applied fault is counted: its kind, with the status or the moment of a drop. */
export function faultName(fault: { kind: string; status?: number; when?: string }): string {
  if (fault.kind === 'status') return `status ${fault.status}`;
  if (fault.kind === 'drop') return `drop ${fault.when}`;
  return fault.kind;
}

export interface FaultRuleOf<F> {
  fault: F;
  method?: string;
  /** A path fragment or pattern; any path when left out. */
  path?: string | RegExp;
  /** How many requests it hits, then it is spent. @defaultValue 1 (unless `probability` is set: unlimited) */
  times?: number;
  /** Hit each matching request with this probability (from the fake's seeded random). */
  probability?: number;
}

export class FaultInjectorOf<F> {
  private readonly rules: { rule: FaultRuleOf<F>; left: number }[] = [];
  /** Faults applied, by name, for assertions and benchmark output. */
  readonly applied = new Map<string, number>();

  constructor(
    private readonly random: () => number,
    private readonly nameOf: (fault: F) => string,
  ) {}

  add(rule: FaultRuleOf<F>): void {
    this.rules.push({ rule, left: rule.times ?? (rule.probability === undefined ? 1 : Number.POSITIVE_INFINITY) });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The faults for one request, in the order added; each hit uses up one of its `times`. */
  take(method: string, path: string): F[] {
    const hits: F[] = [];
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      entry.left -= 1;
      hits.push(rule.fault);
      const name = this.nameOf(rule.fault);
      this.applied.set(name, (this.applied.get(name) ?? 0) + 1);
    }
    return hits;
  }
}

/** Starts `app` on the loopback interface (port 0: a free one); `close` also ends open keep-alive connections. */
export async function listenLocal(app: Express, port = 0): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
