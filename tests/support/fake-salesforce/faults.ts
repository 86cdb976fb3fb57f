import { FaultInjectorOf, faultName, type DropFault, type FaultRuleOf } from '../fake-server';

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
  | DropFault;

export type FaultRule = FaultRuleOf<FaultKind>;

/** The shared injector (tests/support/fake-server.ts) over this fake's fault kinds. */
export class FaultInjector extends FaultInjectorOf<FaultKind> {
  constructor(random: () => number) {
    super(random, faultName);
  }
}
