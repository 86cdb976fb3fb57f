import { CHECKED_OBJECTS, compareField, expectedFields } from '../../../connectors/crm/salesforce/setup-compare';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';

/** What `pulse crm setup --crm salesforce` expects of each object, and how a missing field is named. */
describe('the fields the Salesforce setup check expects', () => {
  it('covers Account, the Task key as a unique External ID, and every platform event field, in the order the objects are checked', () => {
    const fields = expectedFields();
    expect(CHECKED_OBJECTS).toEqual(['Account', 'Task', 'Pulse_Playbook__e']);
    expect([...new Set(fields.map((field) => field.object))]).toEqual([...CHECKED_OBJECTS]);
    expect(fields.find((field) => field.object === 'Account' && field.name === 'Pulse_Account_Id__c')).toMatchObject({ type: 'string', externalId: true });
    expect(fields.filter((field) => field.object === 'Task')).toEqual([{ object: 'Task', name: 'Pulse_Task_Key__c', type: 'string', externalId: true }]);
    expect(fields.filter((field) => field.object === PLAYBOOK_EVENT.name).map((field) => `${field.name} ${field.type}`)).toEqual([
      'Account_Id__c string',
      'Pulse_Account_Id__c string',
      'Playbook__c string',
      'Reason__c textarea',
      'Fired_At__c datetime',
      'Key__c string',
    ]);
  });

  it('names the object of a missing field, and wants the Task key unique', () => {
    const key = expectedFields().find((field) => field.name === 'Pulse_Task_Key__c');
    if (key === undefined) throw new Error('no Task key expected');
    expect(compareField(key, undefined)).toEqual({ missing: 'Task.Pulse_Task_Key__c (string)' });
    expect(compareField(key, { name: key.name, type: 'string', externalId: true, unique: false, picklistValues: [] })).toEqual({
      mismatch: ['Task.Pulse_Task_Key__c: must be a unique External ID'],
    });
  });
});
