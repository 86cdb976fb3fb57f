import { generateFiles, validateManifests } from '../../../src/catalog';
import { PLAYBOOK_EVENT } from '../../../src/catalog/platform-event';

/** Pulse_Playbook__e: every firing carries its key, and every field is deployed. */
const EVENT = 'manifests/salesforce/force-app/main/default/objects/Pulse_Playbook__e';

describe('the playbook platform event', () => {
  it('has a Key__c text field of 255 that says what the key is for', () => {
    const key = PLAYBOOK_EVENT.fields.find((field) => field.name === 'Key__c');
    expect(key).toMatchObject({ type: 'Text', length: 255 });
    expect(key?.description).toMatch(/idempotency key.*account, playbook and firing date.*acts once/);
    const xml = generateFiles().get(`${EVENT}/fields/Key__c.field-meta.xml`);
    expect(xml).toContain('<length>255</length>');
    expect(xml).toContain('<type>Text</type>');
    expect(generateFiles().get('docs/fields.md')).toContain('| `Key__c` | Text |');
  });

  it('reports an event field without its field file', () => {
    const files = generateFiles();
    files.delete(`${EVENT}/fields/Key__c.field-meta.xml`);
    expect(validateManifests(files)).toEqual(['manifests/salesforce: no field file for Pulse_Playbook__e.Key__c']);
  });
});
