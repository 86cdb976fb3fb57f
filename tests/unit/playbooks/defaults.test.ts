import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coverage, Signals } from '../../../src/domain/signals';
import {
  DEFAULT_RULES_YAML, EMPTY_HISTORY, checkRulesText, defaultRules, evaluatePlaybooks, loadRules, writeDefaultRules,
  type Firing,
} from '../../../src/playbooks';
import { PLAYBOOK_NAMES } from '../../../src/catalog';
import { makeSignals } from './make-signals';

const AS_OF = '2024-02-20';

function fired(overrides: Partial<Signals>): Firing[] {
  return evaluatePlaybooks([{ signals: makeSignals(overrides), owner: 'csm@example.com' }], defaultRules(), EMPTY_HISTORY, AS_OF);
}

/** SIGNALS.md "Default playbooks": each condition, with accounts just inside and just outside it. */
const TABLE: Array<{ playbook: string; match: Partial<Signals>[]; miss: Partial<Signals>[] }> = [
  { playbook: 'onboarding_stall', match: [{ onboarding: 'stalled' }], miss: [{ onboarding: 'pending' }, { onboarding: 'late' }] },
  {
    playbook: 'consumption_decline',
    match: [{ trend: 'declining', growth_30d_pct: -10 }, { trend: 'stopped', spend_30d: 0, growth_30d_pct: -100 }],
    miss: [{ trend: 'stable', growth_30d_pct: -9.9 }, { trend: 'inactive' }, { trend: 'new' }, { trend: 'growing' }],
  },
  {
    playbook: 'commit_underuse',
    match: [{ commit_status: 'under', commit_elapsed_days: 30 }],
    miss: [
      { commit_status: 'under', commit_elapsed_days: 29 },
      { commit_status: 'under', commit_elapsed_days: null },
      { commit_status: null, commit_elapsed_days: null },
      { commit_status: 'on_track', commit_elapsed_days: 200 },
    ],
  },
  {
    playbook: 'expansion_conversation',
    match: [{ expansion_signal: 'commit_early_exhaustion' }, { expansion_signal: 'usage_threshold' }],
    miss: [{ expansion_signal: 'outcome_velocity' }, { expansion_signal: 'rapid_growth' }],
  },
  { playbook: 'bill_shock_checkin', match: [{ bill_shock_risk: 'high' }], miss: [{ bill_shock_risk: 'elevated' }, { bill_shock_risk: null }] },
  { playbook: 'efficiency_consult', match: [{ overconsumption: true }], miss: [{ overconsumption: null }] },
  { playbook: 'adjacent_team', match: [{ expansion_signal: 'team_spread' }], miss: [{ expansion_signal: 'feature_breadth' }] },
  {
    playbook: 'production_readiness',
    match: [{ predictability: 'erratic', tenure_days: 90 }],
    miss: [{ predictability: 'erratic', tenure_days: 89 }, { predictability: 'variable' }, { predictability: null, volatility_cv: null }],
  },
];

/** The table's "action (high-touch / tech-touch)" column; product-led is none throughout. */
const ACTIONS: Record<string, [string, string]> = {
  onboarding_stall: ['task high', 'trigger'],
  consumption_decline: ['task high', 'trigger'],
  commit_underuse: ['task medium', 'trigger'],
  expansion_conversation: ['task medium', 'task medium'],
  bill_shock_checkin: ['task high', 'trigger'],
  efficiency_consult: ['task medium', 'trigger'],
  adjacent_team: ['task medium', 'trigger'],
  production_readiness: ['trigger', 'trigger'],
};

describe('default playbooks', () => {
  it('are exactly the eight of SIGNALS.md, in its order, each cooling down 14 days', () => {
    const rules = defaultRules();
    expect(rules.playbooks.map((r) => r.name)).toEqual(TABLE.map((t) => t.playbook));
    expect(rules.playbooks.every((r) => r.cooldown_days === 14)).toBe(true);
  });

  it('fire nothing on a healthy, quiet account', () => {
    expect(fired({})).toEqual([]);
  });

  describe.each(TABLE)('$playbook', ({ playbook, match, miss }) => {
    it.each(match)('fires, alone, on %j', (overrides) => {
      expect(fired(overrides).map((f) => f.playbook)).toEqual([playbook]);
    });

    it.each(miss)('does not fire on %j', (overrides) => {
      expect(fired(overrides)).toEqual([]);
    });

    it.each<[Coverage, string]>([
      ['high_touch', ACTIONS[playbook]?.[0] ?? ''],
      ['tech_touch', ACTIONS[playbook]?.[1] ?? ''],
      ['product_led', 'none'],
    ])('on a %s account: %s', (coverage, expected) => {
      const [firing] = fired({ ...match[0], coverage });
      expect(firing === undefined ? undefined : [firing.action, firing.priority].filter(Boolean).join(' ')).toBe(expected);
      if (firing?.action === 'task') {
        expect(firing.task?.owner).toBe('csm@example.com');
        // Every placeholder was a known figure and got filled.
        expect(`${firing.task?.subject} ${firing.task?.body}`).not.toMatch(/\{\{|\}\}/);
      }
    });
  });

  it('tell the CSM the figures behind a consumption decline', () => {
    const [firing] = fired({ trend: 'declining', growth_30d_pct: -34.0323, spend_prev_30d: 12_400, spend_30d: 8_180 });
    const why = 'Consumption declining: spend over the last 30 days was $8,180, against $12,400 the 30 days before (-34.0%).';
    expect(firing?.reason).toBe(why);
    expect(firing?.rule).toBe('trend in [declining, stopped]');
    expect(firing?.task?.body.startsWith(`${why}\n\nHealth 78 (healthy); risks: engagement (stickiness 30%).`)).toBe(true);
    expect(firing?.task?.body.endsWith('\n\nRule: trend in [declining, stopped]')).toBe(true);
    expect(firing?.figures).toMatchObject({ trend: 'declining', growth_30d_pct: -34, spend_prev_30d: 12_400, spend_30d: 8_180 });
  });

  it('tell the CSM why a commitment is under-used in words, with the rule as a detail line', () => {
    const [firing] = fired({
      commit_status: 'under', commit_elapsed_days: 295, commit_utilization_pct: 41.04, consumed_usd: 41_040,
      commit_projected_pct: 52.2, projected_period_usd: 52_200,
    });
    expect(firing?.reason).toBe(
      'Committed spend is running under plan: 41.0% of the commitment used ($41,040) 295 days into the period; '
        + 'at the current run rate it ends at 52.2% ($52,200).',
    );
    expect(firing?.task?.body.split('\n\n')).toEqual([
      firing?.reason,
      'Review what blocks adoption and agree a plan to use the commitment.',
      'Rule: commit_status = under and commit_elapsed_days ≥ 30',
    ]);
  });

  it.each(TABLE.map((t) => [t.playbook, t.match[0] ?? {}] as const))('%s says why in words, every placeholder filled', (playbook, overrides) => {
    expect(defaultRules().playbooks.find((r) => r.name === playbook)?.reason).toEqual(expect.any(String));
    for (const coverage of ['high_touch', 'tech_touch'] as const) {
      const [firing] = fired({ ...overrides, coverage });
      expect(firing?.reason).not.toMatch(/\{\{|\}\}/);
      // Words for a CSM: no signal field names (snake_case), which belong in the rule detail line.
      expect(firing?.reason).not.toMatch(/\b[a-z]+_[a-z0-9_]+\b/);
      expect(firing?.rule).toMatch(/^[a-z_0-9]+ (=|in|≥) /);
    }
  });

  it('validate through the same path as a user file (pulse playbooks check)', () => {
    expect(checkRulesText(DEFAULT_RULES_YAML, 'playbooks.yaml')).toEqual({ ok: true, rules: defaultRules() });
  });

  it('can be written out, loaded back, and are not written over an existing file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pulse-playbooks-')), 'playbooks.yaml');
    writeDefaultRules(path);
    expect(readFileSync(path, 'utf8')).toBe(DEFAULT_RULES_YAML);
    expect(loadRules(path)).toEqual(defaultRules());
    expect(loadRules(path).playbooks.map((r) => r.reason === undefined)).toEqual(TABLE.map(() => false));
    writeFileSync(path, '# my edits\n');
    expect(() => writeDefaultRules(path)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(readFileSync(path, 'utf8')).toBe('# my edits\n');
    writeDefaultRules(path, { overwrite: true });
    expect(readFileSync(path, 'utf8')).toBe(DEFAULT_RULES_YAML);
  });

  it('are what loadRules returns without a file', () => {
    expect(loadRules()).toBe(defaultRules());
  });
});

describe('default playbook names', () => {
  it('are the catalog\'s PLAYBOOK_NAMES, the values of the CRM trigger field', () => {
    expect(defaultRules().playbooks.map((r) => r.name)).toEqual([...PLAYBOOK_NAMES]);
  });
});
