/* global document, describe, it, expect, afterEach */
import { createElement } from 'lwc';
import PulseHealth from 'c/pulseHealth';
import { getRecord } from 'lightning/uiRecordApi';
import { makeAccountRecord, textOf } from './record';

const DASH = '\u2014';

async function renderCard(record) {
  const element = createElement('c-pulse-health', { is: PulseHealth });
  element.recordId = '001000000000042AAA';
  document.body.appendChild(element);
  if (record !== undefined) getRecord.emit(record);
  await Promise.resolve();
  return element;
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('pulseHealth on an Account record page', () => {
  it('asks Lightning Data Service for the synced Pulse fields of this record', async () => {
    await renderCard();
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe('001000000000042AAA');
    expect(config.fields.map((field) => field.fieldApiName)).toEqual(
      expect.arrayContaining(['Pulse_Health_Score__c', 'Pulse_Health_Tier__c', 'Pulse_Health_Score_Change_7d__c', 'Pulse_Console_Url__c', 'Pulse_Last_Synced_At__c']),
    );
    expect(config.fields.every((field) => field.objectApiName === 'Account')).toBe(true);
  });

  it('shows the score, tier, change with its reason, commitment, forecast, drivers and link', async () => {
    const element = await renderCard(makeAccountRecord());
    expect(textOf(element, 'score')).toBe('42');
    expect(textOf(element, 'tier')).toBe('Watch');
    expect(textOf(element, 'change')).toBe('-9');
    expect(textOf(element, 'change-reason')).toBe('usage trend fell: spend 30d down 18%');
    expect(textOf(element, 'commit-status')).toBe('Under-using');
    expect(textOf(element, 'commit-projected')).toBe('71.5%');
    expect(textOf(element, 'exhaustion-date')).toBe('Mar 14, 2027');
    expect(textOf(element, 'forecast')).toBe('$12,840.50');
    expect(textOf(element, 'spend-30d')).toBe('$15,210.00');
    expect(textOf(element, 'expansion-signal')).toBe('None');
    expect(textOf(element, 'last-synced')).toMatch(/Nov 2[45], 2026/);
    const drivers = [...element.shadowRoot.querySelectorAll('[data-id="risk-drivers"] div')].map((div) => div.textContent);
    expect(drivers).toEqual(['usage_trend: spend down 18% over 30 days', 'active_users: 4 of 25 seats active']);
    expect(element.shadowRoot.querySelector('[data-id="console-link"]').getAttribute('href')).toBe('https://pulse.example.com/console/accounts/acct-0042');
    expect(element.shadowRoot.textContent).not.toMatch(/null|undefined|NaN/);
  });

  it("prefers Salesforce's display value (the user's locale) when there is one", async () => {
    const record = makeAccountRecord();
    record.fields.Pulse_Forecast_Month_Usd__c.displayValue = 'USD 12.840,50';
    const element = await renderCard(record);
    expect(textOf(element, 'forecast')).toBe('USD 12.840,50');
  });

  it.each([
    ['healthy', 'Healthy', 'slds-theme_success'],
    ['watch', 'Watch', 'slds-theme_warning'],
    ['at_risk', 'At risk', 'slds-theme_error'],
  ])('styles the %s tier with %s', async (tier, label, theme) => {
    const element = await renderCard(makeAccountRecord({ Pulse_Health_Tier__c: tier }));
    const badge = element.shadowRoot.querySelector('[data-id="tier"]');
    expect(badge.textContent).toBe(label);
    expect([...badge.classList]).toEqual(['slds-badge', theme]);
  });

  it.each([
    [7, '+7', 'slds-text-color_success'],
    [-12, '-12', 'slds-text-color_error'],
    [0, '0', 'slds-text-color_weak'],
  ])('signs a 7-day change of %d as %s', async (change, shown, color) => {
    const element = await renderCard(makeAccountRecord({ Pulse_Health_Score_Change_7d__c: change }));
    const node = element.shadowRoot.querySelector('[data-id="change"]');
    expect(node.textContent).toBe(shown);
    expect(node.classList.contains(color)).toBe(true);
  });

  it('shows a dash for every empty field of a synced account, never "null"', async () => {
    const empty = Object.fromEntries(Object.keys(makeAccountRecord().fields).map((name) => [name, null]));
    const record = makeAccountRecord({ ...empty, Pulse_Last_Synced_At__c: '2026-11-25T06:12:00.000Z', Pulse_Health_Change_Reason__c: '' });
    const element = await renderCard(record);
    for (const id of ['score', 'tier', 'change', 'change-reason', 'risk-drivers', 'commit-status', 'commit-projected', 'exhaustion-date', 'forecast', 'spend-30d', 'expansion-signal']) {
      expect([id, textOf(element, id)]).toEqual([id, DASH]);
    }
    expect([...element.shadowRoot.querySelector('[data-id="tier"]').classList]).toEqual(['slds-badge']);
    expect(element.shadowRoot.querySelector('[data-id="console-link"]')).toBeNull();
    expect(textOf(element, 'console-link-missing')).toBe(`Console link: ${DASH}`);
    expect(element.shadowRoot.textContent).not.toMatch(/null|undefined|NaN/);
  });

  it('says an Account Pulse never synced is not synced yet, and shows no figures', async () => {
    const never = Object.fromEntries(Object.keys(makeAccountRecord().fields).map((name) => [name, null]));
    const element = await renderCard(makeAccountRecord(never));
    expect(textOf(element, 'empty')).toBe('Not synced by Consumption Pulse yet');
    expect(textOf(element, 'score')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="console-link-missing"]')).toBeNull();
  });

  it('names the permission set when Salesforce refuses the fields', async () => {
    const element = createElement('c-pulse-health', { is: PulseHealth });
    element.recordId = '001000000000042AAA';
    document.body.appendChild(element);
    getRecord.error({ message: 'No such column Pulse_Health_Score__c' }, 400);
    await Promise.resolve();
    expect(textOf(element, 'error')).toMatch(/No such column Pulse_Health_Score__c.*Consumption_Pulse permission set/);
    expect(textOf(element, 'score')).toBeNull();
  });
});
