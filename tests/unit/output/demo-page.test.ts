import { renderAttention, renderExpansion, renderPlaybookSummary } from '../../../src/output/demo-page';
import { makeAccount, makeFiring } from '../sync/factories';

const at = (id: string, health: number, arr: number, tier: 'at_risk' | 'watch' | 'healthy' = 'watch') =>
  makeAccount({ account_id: id, name: `Name ${id}` }, { health_score: health, health_tier: tier, arr_usd: arr, risk_drivers: `trend: spend down in ${id}` });

describe('the demo page', () => {
  it('lists who needs attention by ARR at stake, leaving out accounts that pay nothing, with why and what fires', () => {
    const accounts = [at('free', 0, 0, 'at_risk'), at('small', 20, 10_000, 'at_risk'), at('big', 60, 500_000), at('fine', 90, 900_000, 'healthy')];
    const text = renderAttention(accounts, [makeFiring({ account_id: 'big', reason: 'Spend fell 18% in 30 days.' })], 5);
    expect(text.split('\n')).toEqual([
      'Who needs attention: 2 paying accounts at risk or on watch, the most ARR at stake first',
      '  big Name big: health 60 (watch), $500,000 ARR, high-touch',
      '    why: trend: spend down in big',
      '    next: consumption_decline workflow: Spend fell 18% in 30 days.',
      '  small Name small: health 20 (at_risk), $10,000 ARR, high-touch',
      '    why: trend: spend down in small',
    ]);
  });

  it('states the playbook firings as a sum that adds up', () => {
    const firings = [
      makeFiring({ key: 'a', action: 'trigger' }),
      makeFiring({ key: 'b', action: 'none' }),
      makeFiring({ key: 'c', action: 'task', priority: 'high', task: { subject: 'Call them', body: 'b', priority: 'high', due_date: '2024-02-21', owner: null } }),
    ];
    expect(renderPlaybookSummary(firings, 5).split('\n')[0]).toMatch(/^Playbooks: 3 firings = 1 CSM tasks \+ 1 workflow triggers \+ 1 with no action/);
  });

  it('lists what expands, the largest ARR first', () => {
    const accounts = [
      makeAccount({ account_id: 'a' }, { expansion_signal: 'team_spread', expansion_score: 15, arr_usd: 100 }),
      makeAccount({ account_id: 'b' }, { expansion_signal: 'rapid_growth', expansion_score: 10, arr_usd: 900, growth_30d_pct: 36 }),
      makeAccount({ account_id: 'c' }, { expansion_signal: 'none', arr_usd: 5000 }),
    ];
    expect(renderExpansion(accounts, 5).split('\n')).toEqual([
      'What expands: 2 accounts with an expansion signal, $1,000 ARR',
      '  b Acme: rapid growth (score 10), $900 ARR, spend up 36.0% in 30 days',
      expect.stringMatching(/^ {2}a Acme: team spread \(score 15\), \$100 ARR/),
    ]);
  });
});
