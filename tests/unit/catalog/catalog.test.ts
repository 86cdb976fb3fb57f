import { SIGNAL_FIELDS, type SignalField } from '../../../src/domain/signals';
import { CATALOG, catalogProblems, entriesFor, hubspotPropertyName, PLAYBOOK_NAMES, salesforceFieldName } from '../../../src/catalog';
import type { CatalogEntry } from '../../../src/catalog';

/** The signals the issue says a CSM or workflow needs, each of which must reach both CRMs. */
const REQUIRED_SIGNALS: SignalField[] = [
  'health_score', 'health_tier', 'risk_drivers', 'trend', 'growth_30d_pct', 'predictability',
  'commit_utilization_pct', 'commit_projected_pct', 'commit_status', 'commit_exhaustion_date', 'commit_days_early',
  'projected_overage_usd', 'forecast_month_usd', 'bill_shock_risk', 'ttfv_days', 'onboarding', 'use_cases_30d',
  'teams_30d', 'stickiness_pct', 'user_penetration_pct', 'outcomes_30d', 'value_usd_30d', 'roi_multiple',
  'value_summary', 'peer_percentile', 'peer_range', 'expansion_signal', 'expansion_score', 'nrr_pct', 'coverage',
];

function entry(key: string): CatalogEntry {
  const found = CATALOG.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no catalog entry ${key}`);
  return found;
}

describe('catalog completeness', () => {
  it('passes its own rules', () => {
    expect(catalogProblems(CATALOG)).toEqual([]);
  });

  it('takes every signal-sourced entry from a field the signal engine outputs', () => {
    for (const candidate of CATALOG) {
      if (candidate.source.kind === 'signal') expect(SIGNAL_FIELDS).toContain(candidate.source.field);
    }
  });

  it('covers every signal a CSM or workflow needs', () => {
    const covered = CATALOG.flatMap((candidate) => (candidate.source.kind === 'signal' ? [candidate.source.field] : []));
    expect(REQUIRED_SIGNALS.filter((field) => !covered.includes(field))).toEqual([]);
  });

  it('has the external id, playbook trigger and sync fields', () => {
    expect(entry('account_id')).toMatchObject({ type: 'text', unique: true, object: 'account' });
    expect(hubspotPropertyName(entry('account_id'))).toBe('pulse_account_id');
    expect(salesforceFieldName(entry('account_id'))).toBe('Pulse_Account_Id__c');
    const lastPlaybook = entry('last_playbook');
    expect(lastPlaybook.type === 'enumeration' && lastPlaybook.options.map((option) => option.value)).toEqual([...PLAYBOOK_NAMES]);
    expect(entry('last_playbook_fired_at').type).toBe('datetime');
    expect(entry('last_synced_at')).toMatchObject({ type: 'datetime', source: { kind: 'sync' } });
    expect(entry('task_key')).toMatchObject({ object: 'task', unique: true });
    expect(salesforceFieldName(entry('task_key'))).toBe('Pulse_Task_Key__c');
  });

  it('lists the default playbooks of SIGNALS.md', () => {
    expect(PLAYBOOK_NAMES).toEqual([
      'onboarding_stall', 'consumption_decline', 'commit_underuse', 'expansion_conversation',
      'bill_shock_checkin', 'efficiency_consult', 'adjacent_team', 'production_readiness',
    ]);
  });

  it('uses every field type the CRMs need', () => {
    const types = new Set(CATALOG.map((candidate) => candidate.type));
    expect([...types].sort()).toEqual(['boolean', 'currency', 'date', 'datetime', 'enumeration', 'number', 'percent', 'text']);
  });
});

describe('catalog names', () => {
  it('names HubSpot properties pulse_<key> and Salesforce fields Pulse_<Key>__c within 40 characters', () => {
    for (const candidate of CATALOG) {
      expect(hubspotPropertyName(candidate)).toBe(`pulse_${candidate.key}`);
      const name = salesforceFieldName(candidate);
      expect(name).toMatch(/^Pulse_[A-Z0-9][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)*__c$/);
      expect(name.length).toBeLessThanOrEqual(40);
      expect(name.toLowerCase()).toBe(`pulse_${candidate.key}__c`);
    }
  });

  it('keeps names unique per CRM object', () => {
    for (const object of ['account', 'task'] as const) {
      const entries = entriesFor(object);
      expect(new Set(entries.map(hubspotPropertyName)).size).toBe(entries.length);
      expect(new Set(entries.map((candidate) => salesforceFieldName(candidate).toLowerCase())).size).toBe(entries.length);
    }
  });

  it('rejects a catalog that breaks a CRM rule, naming the entry', () => {
    const bad: CatalogEntry[] = [
      { ...entry('trend'), key: 'a_key_long_enough_to_pass_salesforce_limit' },
      { ...entry('trend'), key: 'double__underscore' },
      { ...entry('health_score'), key: 'health_score', unique: true },
      { key: 'ghost', label: 'Ghost', description: 'x', type: 'date', object: 'account', source: { kind: 'signal', field: 'nope' as SignalField } },
    ];
    const problems = catalogProblems(bad).join('\n');
    expect(problems).toMatch(/a_key_long_enough_to_pass_salesforce_limit'.*over 40/);
    expect(problems).toMatch(/double__underscore'.*snake_case/);
    expect(problems).toMatch(/health_score'.*only text fields/);
    expect(problems).toMatch(/ghost'.*unknown signal 'nope'/);
  });
});
