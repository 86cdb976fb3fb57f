import { FaultInjectorOf, faultName, type DropFault, type FaultRuleOf } from '../fake-server';

/** What the fake can do to a request instead of (or besides) answering it. */
export type FaultKind =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' }
  | { kind: 'slow'; ms: number }
  | DropFault;

export type FaultRule = FaultRuleOf<FaultKind>;

/** The shared injector (tests/support/fake-server.ts) over this fake's fault kinds. */
export class FaultInjector extends FaultInjectorOf<FaultKind> {
  constructor(random: () => number) {
    super(random, faultName);
  }
}
