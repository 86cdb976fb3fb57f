import { SALESFORCE_ID, soqlIn, soqlString } from '../../../connectors/crm/salesforce/soql';

describe('SOQL built from warehouse values', () => {
  it('escapes quotes and backslashes, so a value can never end its literal', () => {
    expect(soqlString("o'brien")).toBe("'o\\'brien'");
    expect(soqlString('a\\')).toBe("'a\\\\'");
    expect(soqlString("x') OR Name != ('")).toBe("'x\\') OR Name != (\\''");
  });

  it('builds one IN query per chunk', () => {
    expect(soqlIn('Account', ['Id', 'OwnerId'], 'Pulse_Account_Id__c', ['acct-1', "acct-'2"])).toBe(
      "SELECT Id, OwnerId FROM Account WHERE Pulse_Account_Id__c IN ('acct-1', 'acct-\\'2')",
    );
  });

  it('takes 15- and 18-character ids only', () => {
    expect(SALESFORCE_ID.test('001000000000001')).toBe(true);
    expect(SALESFORCE_ID.test('001000000000001AAA')).toBe(true);
    expect(SALESFORCE_ID.test("001' OR Id != '1")).toBe(false);
    expect(SALESFORCE_ID.test('0010000000001')).toBe(false);
  });
});
