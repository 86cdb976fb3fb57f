import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkManifests, generateFiles, validateManifests, writeManifests } from '../../../src/catalog';

const repoRoot = path.resolve(__dirname, '../../..');
const FIELDS = 'manifests/salesforce/force-app/main/default/objects/Account/fields';

function readCommitted(): Map<string, string> {
  return new Map([...generateFiles().keys()].map((file) => [file, fs.readFileSync(path.join(repoRoot, file), 'utf8')]));
}

function withFile(files: Map<string, string>, file: string, edit: (content: string) => string): Map<string, string> {
  const copy = new Map(files);
  copy.set(file, edit(files.get(file) ?? ''));
  return copy;
}

describe('structural validation of the manifests', () => {
  it('finds nothing wrong in what the catalog generates', () => {
    expect(validateManifests(generateFiles())).toEqual([]);
  });

  it('finds nothing wrong in the committed files', () => {
    expect(validateManifests(readCommitted())).toEqual([]);
  });

  it('reports XML that is not well-formed', () => {
    const broken = withFile(generateFiles(), `${FIELDS}/Pulse_Trend__c.field-meta.xml`, (xml) => xml.replace('</label>', '</labl>'));
    expect(validateManifests(broken).join('\n')).toMatch(/Pulse_Trend__c.field-meta.xml: not well-formed XML/);
  });

  it('reports a number without precision and scale, and text without length', () => {
    let files = withFile(generateFiles(), `${FIELDS}/Pulse_Health_Score__c.field-meta.xml`, (xml) => xml.replace(/ *<precision>.*\n/, ''));
    files = withFile(files, `${FIELDS}/Pulse_Peer_Range__c.field-meta.xml`, (xml) => xml.replace(/ *<length>.*\n/, ''));
    const problems = validateManifests(files).join('\n');
    expect(problems).toMatch(/Pulse_Health_Score__c.field-meta.xml: precision must be/);
    expect(problems).toMatch(/Pulse_Peer_Range__c.field-meta.xml: Text needs a length/);
  });

  it('reports picklist values and HubSpot options that differ from the catalog', () => {
    let files = withFile(generateFiles(), `${FIELDS}/Pulse_Health_Tier__c.field-meta.xml`, (xml) => xml.replace('<fullName>watch</fullName>', '<fullName>warning</fullName>'));
    files = withFile(files, 'manifests/hubspot/properties/companies.json', (json) => json.replace('"value": "at_risk"', '"value": "risky"'));
    const problems = validateManifests(files).join('\n');
    expect(problems).toMatch(/Pulse_Health_Tier__c.*picklist values \[healthy, warning, at_risk\] differ/);
    expect(problems).toMatch(/companies.json: pulse_health_tier options \[healthy, watch, risky\] differ/);
  });

  it('requires the account id to be a unique External ID in both CRMs', () => {
    const account = `${FIELDS}/Pulse_Account_Id__c.field-meta.xml`;
    expect(generateFiles().get(account)).toMatch(/<externalId>true<\/externalId>[\s\S]*<unique>true<\/unique>/);
    let files = withFile(generateFiles(), account, (xml) => xml.replace('<externalId>true</externalId>', '<externalId>false</externalId>'));
    files = withFile(files, 'manifests/hubspot/properties/companies.json', (json) => json.replace('"hasUniqueValue": true', '"hasUniqueValue": false'));
    const problems = validateManifests(files).join('\n');
    expect(problems).toMatch(/Pulse_Account_Id__c.field-meta.xml: must be a unique External ID/);
    expect(problems).toMatch(/pulse_account_id hasUniqueValue must be true/);
  });

  it('reports a field name over 40 characters and a missing permission', () => {
    const long = 'Pulse_An_Unreasonably_Long_Field_Name_X__c';
    let files = withFile(generateFiles(), `${FIELDS}/${long}.field-meta.xml`, () =>
      (generateFiles().get(`${FIELDS}/Pulse_As_Of__c.field-meta.xml`) ?? '').replace('Pulse_As_Of__c', long));
    files = withFile(files, 'manifests/salesforce/force-app/main/default/permissionsets/Consumption_Pulse.permissionset-meta.xml', (xml) =>
      xml.replace(/ *<fieldPermissions>\n.*\n *<field>Account.Pulse_Trend__c<\/field>\n.*\n *<\/fieldPermissions>\n/, ''));
    const problems = validateManifests(files).join('\n');
    expect(problems).toMatch(new RegExp(`${long} is not a valid custom field name of at most 40`));
    expect(problems).toMatch(/permission set: no read\/edit on Account.Pulse_Trend__c/);
  });
});

describe('generation', () => {
  it('is deterministic: same bytes, stable order, trailing newline', () => {
    const first = generateFiles();
    const second = generateFiles();
    expect([...second.entries()]).toEqual([...first.entries()]);
    expect([...first.keys()]).toEqual([...first.keys()].sort());
    for (const content of first.values()) expect(content.endsWith('\n')).toBe(true);
  });

  it('declares the task key under objects/Activity and the platform event with its fields', () => {
    const files = [...generateFiles().keys()];
    expect(files).toContain('manifests/salesforce/force-app/main/default/objects/Activity/fields/Pulse_Task_Key__c.field-meta.xml');
    for (const field of ['Account_Id__c', 'Playbook__c', 'Reason__c', 'Fired_At__c']) {
      expect(files).toContain(`manifests/salesforce/force-app/main/default/objects/Pulse_Playbook__e/fields/${field}.field-meta.xml`);
    }
  });
});

describe('drift check', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-manifests-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the committed manifests and docs in step with the catalog', () => {
    const result = checkManifests(repoRoot);
    expect(result.differences).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('names the file and first line that drifted, a missing file and a stray one', () => {
    writeManifests(tmp);
    expect(checkManifests(tmp)).toEqual({ ok: true, differences: [] });
    const edited = path.join(tmp, FIELDS, 'Pulse_Trend__c.field-meta.xml');
    fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8').replace('<label>Consumption trend</label>', '<label>Trend</label>'));
    fs.rmSync(path.join(tmp, 'docs/fields.md'));
    fs.writeFileSync(path.join(tmp, 'manifests/hubspot/properties/deals.json'), '{}\n');
    const result = checkManifests(tmp);
    expect(result.ok).toBe(false);
    expect(result.differences).toEqual([
      'docs/fields.md: missing (run `pulse manifests`)',
      expect.stringMatching(/^manifests\/salesforce\/.*\/Pulse_Trend__c.field-meta.xml: line 7: expected ".*<label>Consumption trend<\/label>", found ".*<label>Trend<\/label>"$/),
      'manifests/hubspot/properties/deals.json: not generated from the catalog (remove it, or add the field to src/catalog)',
    ]);
  });

  it('writeManifests brings a drifted checkout back in step and removes stray files', () => {
    writeManifests(tmp);
    fs.writeFileSync(path.join(tmp, 'manifests/salesforce/stray.txt'), 'x');
    fs.appendFileSync(path.join(tmp, 'manifests/hubspot/hsproject.json'), ' ');
    const result = writeManifests(tmp);
    expect(result).toEqual({ written: ['manifests/hubspot/hsproject.json'], removed: ['manifests/salesforce/stray.txt'] });
    expect(checkManifests(tmp).ok).toBe(true);
    expect(writeManifests(tmp)).toEqual({ written: [], removed: [] });
  });
});
