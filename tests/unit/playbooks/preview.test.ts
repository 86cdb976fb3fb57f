import type { Signals } from '../../../src/domain/signals';
import { EMPTY_HISTORY, defaultRules, evaluatePlaybooks, firingsToJson, renderFiringsTable } from '../../../src/playbooks';
import { makeSignals } from './make-signals';

function firingsFor(accounts: Partial<Signals>[]) {
  return evaluatePlaybooks(
    accounts.map((overrides) => ({ signals: makeSignals(overrides), owner: 'csm@example.com' })),
    defaultRules(),
    EMPTY_HISTORY,
    '2024-02-20',
  );
}

const PORTFOLIO: Partial<Signals>[] = [
  { account_id: 'acct-0001', trend: 'declining', growth_30d_pct: -34.2, commit_status: 'under', commit_elapsed_days: 45 },
  { account_id: 'acct-0002-with-a-very-long-identifier', coverage: 'tech_touch', bill_shock_risk: 'high' },
  { account_id: 'acct-0003', coverage: 'product_led', onboarding: 'stalled' },
  { account_id: 'acct-0004' },
];

describe('playbooks preview', () => {
  it('renders a table that fits 120 columns, one row per firing, with a summary', () => {
    const table = renderFiringsTable(firingsFor(PORTFOLIO));
    const lines = table.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    expect(lines[0]).toMatch(/^ACCOUNT\s+PLAYBOOK\s+ACTION\s+COVERAGE\s+DUE\s+WHY$/);
    // WHY: the reason in words with the figures, wrapped, then the rule that held on a line of its own.
    expect(lines.slice(1, -2)).toEqual([
      'acct-0001             consumption_decline  task high    high_touch   2024-02-22  Consumption declining: spend over the',
      '                                                                                 last 30 days was $12,400, against',
      '                                                                                 $12,000 the 30 days before (-34.2%).',
      '                                                                                 Rule: trend in [declining, stopped]',
      'acct-0001             commit_underuse      task medium  high_touch   2024-02-27  Committed spend is running under plan:',
      '                                                                                 40.0% of the commitment used ($40,000)',
      '                                                                                 45 days into the period; at the current',
      '                                                                                 run rate it ends at 80.0% ($90,000).',
      '                                                                                 Rule: commit_status = under and',
      '                                                                                 commit_elapsed_days ≥ 30',
      'acct-0002-with-a-ve…  bill_shock_checkin   trigger      tech_touch               This month\'s bill is heading well above',
      '                                                                                 normal: forecast $12,100 ($8,000 so',
      '                                                                                 far) against $12,000 last month.',
      '                                                                                 Rule: bill_shock_risk = high',
      'acct-0003             onboarding_stall     none         product_led              Onboarding has stalled: no meaningful',
      '                                                                                 usage 400 days after contract start',
      '                                                                                 (1,500,000 units, $12,400 in the last',
      '                                                                                 30 days).',
      '                                                                                 Rule: onboarding = stalled',
    ]);
    expect(lines.slice(-2)).toEqual(['', '4 firings on 3 accounts: 2 task, 1 trigger, 1 none']);
  });

  it('says so when nothing fires', () => {
    expect(renderFiringsTable([])).toBe('No playbook fires.');
  });

  it('writes JSON: an array of firings with account_id, playbook, action, key and the figures', () => {
    const json = JSON.parse(firingsToJson(firingsFor(PORTFOLIO.slice(1, 3)))) as unknown;
    expect(json).toEqual([
      {
        key: 'acct-0002-with-a-very-long-identifier:bill_shock_checkin:2024-02-20',
        account_id: 'acct-0002-with-a-very-long-identifier',
        playbook: 'bill_shock_checkin',
        action: 'trigger',
        coverage: 'tech_touch',
        fired_on: '2024-02-20',
        figures: { bill_shock_risk: 'high', forecast_month_usd: 12_100, mtd_spend_usd: 8_000, last_month_usd: 12_000 },
        reason: 'This month\'s bill is heading well above normal: forecast $12,100 ($8,000 so far) against $12,000 last month.',
        rule: 'bill_shock_risk = high',
      },
      {
        key: 'acct-0003:onboarding_stall:2024-02-20',
        account_id: 'acct-0003',
        playbook: 'onboarding_stall',
        action: 'none',
        coverage: 'product_led',
        fired_on: '2024-02-20',
        figures: { onboarding: 'stalled', tenure_days: 400, units_30d: 1_500_000, spend_30d: 12_400 },
        reason: 'Onboarding has stalled: no meaningful usage 400 days after contract start (1,500,000 units, $12,400 in the last 30 days).',
        rule: 'onboarding = stalled',
      },
    ]);
  });
});
