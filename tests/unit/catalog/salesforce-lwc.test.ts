import { generateFiles } from '../../../src/catalog';
import { CATALOG } from '../../../src/catalog/catalog';
import { SALESFORCE_API_VERSION } from '../../../src/catalog/salesforce-manifest';
import { SALESFORCE_CARD_KEYS, salesforceCardFields, salesforceLwcFiles } from '../../../src/catalog/salesforce-lwc';
import { isPulseError } from '../../../src/errors';

/** The Account page card in manifests/salesforce: generated from the catalog, readable under the permission set. */
const LWC = 'manifests/salesforce/force-app/main/default/lwc/pulseHealth';
const PERMISSION_SET = 'manifests/salesforce/force-app/main/default/permissionsets/Consumption_Pulse.permissionset-meta.xml';
const FIELDS = 'manifests/salesforce/force-app/main/default/objects/Account/fields';

describe('the Salesforce card (pulseHealth)', () => {
  const files = generateFiles();
  const js = files.get(`${LWC}/pulseHealth.js`) ?? '';

  it('is four generated files in the lwc folder of the package', () => {
    expect([...files.keys()].filter((file) => file.includes('/lwc/'))).toEqual(
      ['pulseHealth.css', 'pulseHealth.html', 'pulseHealth.js', 'pulseHealth.js-meta.xml'].map((name) => `${LWC}/${name}`),
    );
  });

  it('imports every field it reads from Account schema, each one a generated field the permission set lets it read', () => {
    const imported = [...js.matchAll(/from '@salesforce\/schema\/(Account\.\w+)'/g)].map((match) => match[1] ?? '');
    expect(imported).toEqual(salesforceCardFields());
    expect(imported).toHaveLength(SALESFORCE_CARD_KEYS.length);
    const permissions = files.get(PERMISSION_SET) ?? '';
    for (const field of imported) {
      expect(files.has(`${FIELDS}/${field.replace('Account.', '')}.field-meta.xml`)).toBe(true);
      expect(permissions).toContain(`<field>${field}</field>\n        <readable>true</readable>`);
    }
  });

  it('reads through Lightning Data Service only: no Apex, no callout', () => {
    expect(js).toContain("import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';");
    expect(js).toContain("@wire(getRecord, { recordId: '$recordId', fields: FIELDS })");
    expect(js).not.toMatch(/@salesforce\/apex|fetch\(|XMLHttpRequest/);
  });

  it("is exposed on Account record pages at the project's API version", () => {
    const meta = files.get(`${LWC}/pulseHealth.js-meta.xml`) ?? '';
    expect(meta).toContain(`<apiVersion>${SALESFORCE_API_VERSION}</apiVersion>`);
    expect(meta).toContain('<isExposed>true</isExposed>');
    expect(meta).toMatch(/<targetConfig targets="lightning__RecordPage">\s*<objects>\s*<object>Account<\/object>/);
  });

  it('carries the catalog labels of its picklists, for values Salesforce sends without a display value', () => {
    expect(js).toContain('"at_risk":"At risk"');
    expect(js).toContain('"under":"Under-using"');
  });

  it('fails generation when the catalog loses a field the card reads', () => {
    const without = CATALOG.filter((entry) => entry.key !== 'health_change_reason');
    let caught: unknown;
    try {
      salesforceLwcFiles(SALESFORCE_API_VERSION, without);
    } catch (error) {
      caught = error;
    }
    expect(isPulseError(caught) && caught.code === 'CATALOG_INVALID' && caught.message.includes("'health_change_reason'")).toBe(true);
  });

  it('fails generation when the catalog adds a health tier the card has no style for', () => {
    const catalog = CATALOG.map((entry) =>
      entry.key === 'health_tier' && entry.type === 'enumeration' ? { ...entry, options: [...entry.options, { value: 'critical', label: 'Critical' }] } : entry,
    );
    expect(() => salesforceLwcFiles(SALESFORCE_API_VERSION, catalog)).toThrow(/health tiers without a style on the Salesforce card: critical/);
  });
});
