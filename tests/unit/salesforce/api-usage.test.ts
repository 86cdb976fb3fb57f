import { apiShareSpent, readApiUsage } from '../../../connectors/crm/salesforce/api-usage';

describe('Sforce-Limit-Info', () => {
  it('reads api-usage wherever it sits in the header, and nothing from a header without it', () => {
    expect(readApiUsage({ 'sforce-limit-info': 'api-usage=25/15000' })).toEqual({ used: 25, max: 15000 });
    expect(readApiUsage({ 'sforce-limit-info': 'per-app-api-usage=3/100(appName=pulse), api-usage=7/200' })).toEqual({ used: 7, max: 200 });
    expect(readApiUsage({ 'sforce-limit-info': 'per-app-api-usage=3/100(appName=pulse)' })).toBeUndefined();
    expect(readApiUsage({})).toBeUndefined();
    expect(readApiUsage({ 'sforce-limit-info': 'api-usage=1/0' })).toBeUndefined();
  });

  it('says the share is spent from the configured fraction of the org allocation on', () => {
    const spent = apiShareSpent(0.8);
    expect(spent({ 'sforce-limit-info': 'api-usage=799/1000' })).toBe(false);
    expect(spent({ 'sforce-limit-info': 'api-usage=800/1000' })).toBe(true);
    expect(spent({})).toBe(false);
    expect(apiShareSpent(1)({ 'sforce-limit-info': 'api-usage=999/1000' })).toBe(false);
  });
});
