import { FaultInjectorOf, type FaultRuleOf } from '../fake-server';

/** What the fake can do to a request instead of (or besides) answering it. */
export type FaultKind =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' }
  | { kind: 'slow'; ms: number }
  /** `before`: the request is never processed; `after`: it is processed (records written), then the connection drops. */
  | { kind: 'drop'; when: 'before' | 'after' };

export type FaultRule = FaultRuleOf<FaultKind>;

function faultName(fault: FaultKind): string {
  if (fault.kind === 'status') return `status ${fault.status}`;
  if (fault.kind === 'drop') return `drop ${fault.when}`;
  return fault.kind;
}

/** The shared injector (tests/support/fake-server.ts) over this fake's fault kinds. */
export class FaultInjector extends FaultInjectorOf<FaultKind> {
  constructor(random: () => number) {
    super(random, faultName);
  }
}
