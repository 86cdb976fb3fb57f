/** A getRecord answer as Lightning Data Service gives it, for a synced Account; `overrides` by field API name (null clears). */
export function makeAccountRecord(overrides = {}) {
  const values = {
    Pulse_Health_Score__c: 42,
    Pulse_Health_Tier__c: 'watch',
    Pulse_Health_Score_Change_7d__c: -9,
    Pulse_Health_Change_Reason__c: 'usage trend fell: spend 30d down 18%',
    Pulse_Risk_Drivers__c: 'usage_trend: spend down 18% over 30 days; active_users: 4 of 25 seats active',
    Pulse_Commit_Status__c: 'under',
    Pulse_Commit_Projected_Pct__c: 71.5,
    Pulse_Commit_Exhaustion_Date__c: '2027-03-14',
    Pulse_Forecast_Month_Usd__c: 12840.5,
    Pulse_Spend_30d__c: 15210,
    Pulse_Expansion_Signal__c: 'none',
    Pulse_Last_Synced_At__c: '2026-11-25T06:12:00.000Z',
    Pulse_Console_Url__c: 'https://pulse.example.com/console/accounts/acct-0042',
    ...overrides,
  };
  const fields = {};
  for (const [name, value] of Object.entries(values)) fields[name] = { value, displayValue: null };
  return { apiName: 'Account', id: '001000000000042AAA', fields };
}

/** The card's text as a user reads it (synthetic shadow: the card's nodes live under its shadowRoot). */
export function textOf(element, dataId) {
  const node = element.shadowRoot.querySelector(`[data-id="${dataId}"]`);
  return node === null ? null : node.textContent.trim();
}
