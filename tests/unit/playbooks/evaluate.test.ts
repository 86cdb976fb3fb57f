import type { Signals } from '../../../src/domain/signals';
import {
  EMPTY_HISTORY, addBusinessDays, evaluatePlaybooks, historyFromFirings, type FiringHistory, type Rules,
} from '../../../src/playbooks';
import { makeSignals } from './make-signals';
import { declineRule, rulesFrom } from './rules-fixture';

const AS_OF = '2024-02-20'; // a Tuesday
const DECLINING: Partial<Signals> = { trend: 'declining', growth_30d_pct: -34.0323, spend_prev_30d: 12_400, spend_30d: 8_180 };

function account(overrides: Partial<Signals> = {}, owner: string | null = 'csm@example.com') {
  return { signals: makeSignals({ ...DECLINING, ...overrides }), owner };
}

function run(rules: Rules, history: FiringHistory = EMPTY_HISTORY, asOf = AS_OF, accounts = [account()]) {
  return evaluatePlaybooks(accounts, rules, history, asOf);
}

function firedBefore(days: number): FiringHistory {
  const fired = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  return historyFromFirings([{ account_id: 'acct-1', playbook: 'consumption_decline', fired_on: fired }]);
}

describe('evaluatePlaybooks', () => {
  it('makes a task for a high-touch account, with the figures that made it fire', () => {
    expect(run(declineRule())).toEqual([
      {
        key: 'acct-1:consumption_decline:2024-02-20',
        account_id: 'acct-1',
        playbook: 'consumption_decline',
        action: 'task',
        coverage: 'high_touch',
        fired_on: AS_OF,
        priority: 'high',
        task: {
          subject: 'Consumption -34.0% ($12,400 -> $8,180)',
          body: 'Consumption declining\n\nTop drivers: engagement (stickiness 30%); roi 2.419; efficiency 1.5%; overconsumption no\n\nRule: trend = declining',
          priority: 'high',
          due_date: '2024-02-22',
          owner: 'csm@example.com',
        },
        figures: {
          trend: 'declining', growth_30d_pct: -34, spend_prev_30d: 12_400, spend_30d: 8_180, risk_drivers: 'engagement (stickiness 30%)',
          roi_multiple: 2.419, efficiency_change_pct: 1.5, overconsumption: false,
        },
        reason: 'Consumption declining',
        rule: 'trend = declining',
      },
    ]);
  });

  it('says why in words from the rule\'s reason template, with the figures it names, on every action', () => {
    const reason = 'reason: "Consumption is {{trend}}: 30-day spend went from {{spend_prev_30d}} to {{spend_30d}} ({{growth_30d_pct}}); health {{health_score}}."';
    const [task] = run(declineRule(reason));
    const words = 'Consumption is declining: 30-day spend went from $12,400 to $8,180 (-34.0%); health 78.';
    expect(task?.reason).toBe(words);
    expect(task?.rule).toBe('trend = declining');
    // The CRM task says why first, then what the rule's body says, then the rule as a detail line.
    expect(task?.task?.body).toBe(`${words}\n\nTop drivers: engagement (stickiness 30%); roi 2.419; efficiency 1.5%; overconsumption no\n\nRule: trend = declining`);
    const [trigger] = run(declineRule(reason), EMPTY_HISTORY, AS_OF, [account({ coverage: 'tech_touch' })]);
    expect(trigger).toMatchObject({ action: 'trigger', reason: words, rule: 'trend = declining' });
    // The figures the reason names travel with the firing, after the condition's.
    expect(trigger?.figures).toEqual({ trend: 'declining', spend_prev_30d: 12_400, spend_30d: 8_180, growth_30d_pct: -34, health_score: 78 });
  });

  it('cuts a filled reason to the 1,000 characters a Salesforce event reason holds, on one line', () => {
    const [firing] = run(declineRule('reason: "Drivers:\\n {{risk_drivers}}"'), EMPTY_HISTORY, AS_OF, [account({ coverage: 'tech_touch', risk_drivers: 'x'.repeat(2000) })]);
    expect(firing?.reason).toHaveLength(1000);
    expect(firing?.reason.startsWith('Drivers: xxx')).toBe(true);
    expect(firing?.reason.endsWith('…')).toBe(true);
  });

  it('makes a trigger for tech-touch, and a none firing where the coverage has no action', () => {
    const [trigger] = run(declineRule(), EMPTY_HISTORY, AS_OF, [account({ coverage: 'tech_touch' })]);
    expect(trigger).toMatchObject({ action: 'trigger', coverage: 'tech_touch', key: 'acct-1:consumption_decline:2024-02-20' });
    expect(trigger).not.toHaveProperty('task');
    const [none] = run(declineRule(), EMPTY_HISTORY, AS_OF, [account({ coverage: 'product_led' })]);
    expect(none).toMatchObject({ action: 'none', coverage: 'product_led', figures: { trend: 'declining' } });
  });

  it('carries the rule\'s extra figures after the condition\'s', () => {
    const [firing] = run(declineRule('figures: [health_score, trend]'), EMPTY_HISTORY, AS_OF, [account({ coverage: 'tech_touch' })]);
    expect(Object.keys(firing?.figures ?? {})).toEqual(['trend', 'health_score']);
  });

  it('leaves the owner null when the account has none in the CRM', () => {
    expect(run(declineRule(), EMPTY_HISTORY, AS_OF, [account({}, null)])[0]?.task?.owner).toBeNull();
  });

  describe('cooldown (14 days by default)', () => {
    it.each([
      [1, false],
      [13, false],
      [14, true],
      [30, true],
    ])('after a firing %i day(s) ago: fires = %s', (daysAgo, fires) => {
      expect(run(declineRule(), firedBefore(daysAgo))).toHaveLength(fires ? 1 : 0);
    });

    it('follows cooldown_days', () => {
      expect(run(declineRule('cooldown_days: 30'), firedBefore(29))).toHaveLength(0);
      expect(run(declineRule('cooldown_days: 30'), firedBefore(30))).toHaveLength(1);
      expect(run(declineRule('cooldown_days: 0'), firedBefore(1))).toHaveLength(1);
    });

    it('is per account and per playbook', () => {
      const history = historyFromFirings([
        { account_id: 'acct-2', playbook: 'consumption_decline', fired_on: '2024-02-19' },
        { account_id: 'acct-1', playbook: 'onboarding_stall', fired_on: '2024-02-19' },
      ]);
      expect(run(declineRule(), history)).toHaveLength(1);
    });

    it('on a backfilled day, holds before a later firing too', () => {
      const later = (days: number) =>
        historyFromFirings([{ account_id: 'acct-1', playbook: 'consumption_decline', fired_on: new Date(Date.parse(`${AS_OF}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) }]);
      expect(run(declineRule(), later(5))).toHaveLength(0);
      expect(run(declineRule(), later(13))).toHaveLength(0);
      expect(run(declineRule(), later(14))).toHaveLength(1);
    });

    it('on a replayed past day, fires when later firings are a cooldown away', () => {
      const history = historyFromFirings([
        { account_id: 'acct-1', playbook: 'consumption_decline', fired_on: '2024-01-01' },
        { account_id: 'acct-1', playbook: 'consumption_decline', fired_on: '2024-02-19' },
      ]);
      expect(run(declineRule(), history, '2024-01-20').map((f) => f.key)).toEqual(['acct-1:consumption_decline:2024-01-20']);
    });
  });

  describe('keys and de-duplication', () => {
    it('gives the same firings, keys included, for the same inputs', () => {
      expect(run(declineRule())).toEqual(run(declineRule()));
    });

    it('returns a firing already recorded for the same day again, with the identical key, so a crashed run can finish', () => {
      const first = run(declineRule());
      const history = historyFromFirings(first);
      expect(run(declineRule(), history)).toEqual(first);
    });

    it('never makes two firings for the same account, playbook and day', () => {
      const accounts = [account(), account({ trend: 'declining', coverage: 'tech_touch' })];
      const firings = run(declineRule(), EMPTY_HISTORY, AS_OF, accounts);
      expect(firings.map((f) => [f.key, f.action])).toEqual([['acct-1:consumption_decline:2024-02-20', 'task']]);
    });

    it('gives each account and playbook its own key', () => {
      const rules = rulesFrom(`
  - { name: b_second, description: b, priority: 2, when: { field: trend, op: eq, value: declining }, actions: {} }
  - { name: a_first, description: a, priority: 1, when: { field: trend, op: eq, value: declining }, actions: {} }
  - { name: c_tie, description: c, priority: 2, when: { field: trend, op: eq, value: declining }, actions: {} }
  - { name: d_never, description: d, priority: 0, when: { field: trend, op: eq, value: stable }, actions: {} }
`);
      const firings = run(rules, EMPTY_HISTORY, AS_OF, [account({ account_id: 'x' }), account({ account_id: 'y' })]);
      // Accounts in input order; per account, by priority with ties in file order.
      expect(firings.map((f) => f.key)).toEqual([
        'x:a_first:2024-02-20', 'x:b_second:2024-02-20', 'x:c_tie:2024-02-20',
        'y:a_first:2024-02-20', 'y:b_second:2024-02-20', 'y:c_tie:2024-02-20',
      ]);
    });
  });

  it('cuts a filled subject to the 255 characters a Salesforce task holds', () => {
    const rules = rulesFrom(`
  - name: long_subject
    description: long
    priority: 1
    when: { field: trend, op: eq, value: declining }
    actions:
      high_touch: { type: task, priority: low, due_business_days: 0, subject: "Drivers: {{risk_drivers}}", body: "{{risk_drivers}}" }
`);
    const [firing] = run(rules, EMPTY_HISTORY, AS_OF, [account({ risk_drivers: 'x'.repeat(400) })]);
    expect(firing?.task?.subject).toHaveLength(255);
    expect(firing?.task?.subject.endsWith('…')).toBe(true);
    expect(firing?.task?.body).toBe(`long\n\n${'x'.repeat(400)}\n\nRule: trend = declining`);
    expect(firing?.task?.due_date).toBe(AS_OF);
  });

  it('rejects a malformed day rather than making keys nobody can match', () => {
    expect(() => run(declineRule(), EMPTY_HISTORY, '2024-02-30')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['2024-02-20', 2, '2024-02-22'], // Tue → Thu
    ['2024-02-23', 1, '2024-02-26'], // Fri → Mon
    ['2024-02-23', 2, '2024-02-27'], // Fri → Tue
    ['2024-02-24', 1, '2024-02-26'], // Sat → Mon
    ['2024-02-24', 0, '2024-02-26'], // Sat, due "today" → Mon
    ['2024-02-20', 0, '2024-02-20'],
    ['2024-02-28', 5, '2024-03-06'], // across a leap day
  ])('%s + %i business days = %s', (from, n, to) => {
    expect(addBusinessDays(from, n)).toBe(to);
  });
});
