import { SIGNAL_FIELDS, type SignalField } from '../../../src/domain/signals';
import { CATALOG, formatForHubspot, formatForSalesforce, toHubspotProperties, toSalesforceFields } from '../../../src/catalog';
import type { CatalogEntry, CatalogValue, FormattedSignals } from '../../../src/catalog';
import { isPulseError } from '../../../src/errors';

function entry(key: string): CatalogEntry {
  const found = CATALOG.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no catalog entry ${key}`);
  return found;
}

/** A formatted-signal record with every field null, overridden per test. */
function makeSignals(overrides: Partial<Record<SignalField, CatalogValue>> = {}): FormattedSignals {
  const base = Object.fromEntries(SIGNAL_FIELDS.map((field) => [field, null])) as Record<SignalField, CatalogValue>;
  return { ...base, account_id: 'acc-1', as_of: '2025-03-31', ...overrides };
}

describe('formatForHubspot', () => {
  it('writes numbers as strings at the catalog precision', () => {
    expect(formatForHubspot(entry('growth_30d_pct'), 37.5)).toBe('37.5');
    expect(formatForHubspot(entry('forecast_month_usd'), 12345.67)).toBe('12345.67');
    expect(formatForHubspot(entry('health_score'), 72)).toBe('72');
    expect(formatForHubspot(entry('roi_multiple'), '3.1')).toBe('3.1');
    expect(formatForHubspot(entry('health_score'), 0)).toBe('0');
  });

  it('clears a property with an empty string for null', () => {
    expect(formatForHubspot(entry('health_score'), null)).toBe('');
    expect(formatForHubspot(entry('overconsumption'), null)).toBe('');
  });

  it('writes enumerations as their option value and rejects others', () => {
    expect(formatForHubspot(entry('health_tier'), 'at_risk')).toBe('at_risk');
    expect(() => formatForHubspot(entry('health_tier'), 'At risk')).toThrow(/pulse_health_tier: expected one of healthy, watch, at_risk/);
  });

  it('writes dates as YYYY-MM-DD, datetimes as UTC ISO-8601, booleans as true/false', () => {
    expect(formatForHubspot(entry('commit_exhaustion_date'), '2025-05-02')).toBe('2025-05-02');
    expect(formatForHubspot(entry('last_synced_at'), '2025-04-01T06:30:00+02:00')).toBe('2025-04-01T04:30:00.000Z');
    expect(formatForHubspot(entry('overconsumption'), true)).toBe('true');
    expect(formatForHubspot(entry('overconsumption'), false)).toBe('false');
  });

  it('rejects values that would not mean the same in both CRMs, with a stable code', () => {
    for (const [key, value] of [['commit_exhaustion_date', '2025-5-2'], ['commit_exhaustion_date', '2025-02-30'], ['commit_exhaustion_date', '2025-13-01'], ['health_score', 'lots'], ['health_score', Number.NaN], ['last_synced_at', 'soon'], ['overconsumption', 'yes']] as const) {
      try {
        formatForHubspot(entry(key), value);
        throw new Error(`${key} accepted ${String(value)}`);
      } catch (error) {
        expect(isPulseError(error) && error.code).toBe('INPUT_INVALID');
      }
    }
  });

  it('truncates text to the catalog length, marking the cut', () => {
    const long = 'x'.repeat(300);
    const formatted = formatForHubspot(entry('peer_range'), long);
    expect(Array.from(formatted)).toHaveLength(255);
    expect(formatted.endsWith('…')).toBe(true);
  });
});

describe('formatForSalesforce', () => {
  it('keeps numbers as numbers and null as null', () => {
    expect(formatForSalesforce(entry('commit_projected_pct'), 93.2)).toBe(93.2);
    expect(formatForSalesforce(entry('projected_overage_usd'), '1500.5')).toBe(1500.5);
    expect(formatForSalesforce(entry('commit_projected_pct'), null)).toBeNull();
  });

  it('writes picklists, dates, datetimes and booleans', () => {
    expect(formatForSalesforce(entry('coverage'), 'tech_touch')).toBe('tech_touch');
    expect(formatForSalesforce(entry('as_of'), '2025-03-31')).toBe('2025-03-31');
    expect(formatForSalesforce(entry('last_playbook_fired_at'), '2025-04-01T04:30:00Z')).toBe('2025-04-01T04:30:00.000Z');
    expect(formatForSalesforce(entry('overconsumption'), true)).toBe(true);
  });

  it('writes an unknown boolean as false, since a checkbox cannot be empty', () => {
    expect(formatForSalesforce(entry('overconsumption'), null)).toBe(false);
  });

  it('truncates text to the field length', () => {
    expect(formatForSalesforce(entry('value_summary'), 'v'.repeat(1200))).toHaveLength(1000);
    expect(formatForSalesforce(entry('value_summary'), 'short')).toBe('short');
  });
});

describe('mapping a formatted-signal record', () => {
  const signals = makeSignals({ health_score: 64, health_tier: 'watch', growth_30d_pct: -12.5, overconsumption: false, trend: 'declining' });

  it('maps to HubSpot properties by pulse_<key>, clearing nulls', () => {
    const properties = toHubspotProperties(signals, { last_synced_at: '2025-04-01T05:00:00Z' });
    expect(properties).toMatchObject({
      pulse_account_id: 'acc-1',
      pulse_as_of: '2025-03-31',
      pulse_health_score: '64',
      pulse_health_tier: 'watch',
      pulse_growth_30d_pct: '-12.5',
      pulse_trend: 'declining',
      pulse_overconsumption: 'false',
      pulse_nrr_pct: '',
      pulse_last_synced_at: '2025-04-01T05:00:00.000Z',
    });
    expect(properties).not.toHaveProperty('pulse_task_key');
  });

  it('leaves playbook fields alone unless given, so a quiet sync keeps the last firing', () => {
    expect(toHubspotProperties(signals)).not.toHaveProperty('pulse_last_playbook');
    const fired = toSalesforceFields(signals, { last_playbook: 'commit_underuse', last_playbook_fired_at: '2025-04-01T05:00:00Z' });
    expect(fired).toMatchObject({ Pulse_Last_Playbook__c: 'commit_underuse', Pulse_Last_Playbook_Fired_At__c: '2025-04-01T05:00:00.000Z' });
  });

  it('maps to Salesforce fields by Pulse_<Key>__c with typed values', () => {
    const fields = toSalesforceFields(signals);
    expect(fields).toMatchObject({
      Pulse_Account_Id__c: 'acc-1',
      Pulse_Health_Score__c: 64,
      Pulse_Growth_30d_Pct__c: -12.5,
      Pulse_Nrr_Pct__c: null,
      Pulse_Overconsumption__c: false,
    });
    expect(Object.keys(fields)).toHaveLength(CATALOG.filter((candidate) => candidate.source.kind === 'signal').length);
  });
});
