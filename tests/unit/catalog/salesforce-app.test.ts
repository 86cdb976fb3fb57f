import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkManifests, generateFiles, validateManifests, writeManifests } from '../../../src/catalog';
import { CATALOG } from '../../../src/catalog/catalog';
import { HUBSPOT_REDIRECT_URL } from '../../../src/catalog/hubspot-app';
import { SALESFORCE_APP_PATHS, SALESFORCE_CALLBACK_URL, salesforceCallbackUrl } from '../../../src/catalog/salesforce-app';
import { metadataDocument } from '../../../src/catalog/xml';
import { isPulseError } from '../../../src/errors';

/** The External Client App in manifests/salesforce: what it declares, and what validation refuses. */
const DEFAULT = 'manifests/salesforce/force-app/main/default';
const HUBSPOT_APP = 'manifests/hubspot/src/app/app-hsmeta.json';
const HUBSPOT_WEBHOOKS = 'manifests/hubspot/src/app/webhooks/webhooks-hsmeta.json';
const HUBSPOT_CARD = 'manifests/hubspot/src/app/cards/PulseHealthCard.tsx';
const GLOBAL = `${DEFAULT}/${SALESFORCE_APP_PATHS.ExtlClntAppGlobalOauthSettings}`;
const SETTINGS = `${DEFAULT}/${SALESFORCE_APP_PATHS.ExtlClntAppOauthSettings}`;
const POLICIES = `${DEFAULT}/${SALESFORCE_APP_PATHS.ExtlClntAppOauthConfigurablePolicies}`;

function edited(file: string, edit: (content: string) => string): Map<string, string> {
  const files = generateFiles();
  files.set(file, edit(files.get(file) ?? ''));
  return files;
}

describe('the External Client App files', () => {
  it('are generated in the Metadata API folders, with the scopes the sync needs and the Pulse permission set as who may connect', () => {
    const files = generateFiles();
    expect([...files.keys()].filter((file) => /\/(externalClientApps|extlClntApp\w+)\//.test(file))).toEqual([
      `${DEFAULT}/externalClientApps/Consumption_Pulse.eca-meta.xml`,
      `${DEFAULT}/extlClntAppGlobalOauthSets/Consumption_Pulse_glbloauth.ecaGlblOauth-meta.xml`,
      `${DEFAULT}/extlClntAppOauthPolicies/Consumption_Pulse_oauth_defaultPolicy.ecaOauthPlcy-meta.xml`,
      `${DEFAULT}/extlClntAppOauthSettings/Consumption_Pulse_oauth.ecaOauth-meta.xml`,
    ]);
    expect(files.get(SETTINGS)).toContain('<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>');
    expect(files.get(POLICIES)).toContain('<commaSeparatedPermissionSet>Consumption_Pulse</commaSeparatedPermissionSet>');
    expect(files.has(`${DEFAULT}/permissionsets/Consumption_Pulse.permissionset-meta.xml`)).toBe(true);
    // No secret is ever generated: Salesforce makes the consumer key and secret on deploy.
    expect(files.get(GLOBAL)).not.toMatch(/consumerKey|consumerSecret/);
  });

  it('carry the development callback as the HubSpot app does, and tell the admin how to set the real one', () => {
    expect(new URL(SALESFORCE_CALLBACK_URL).origin).toBe(new URL(HUBSPOT_REDIRECT_URL).origin);
    expect(SALESFORCE_CALLBACK_URL).toBe('http://localhost:3000/oauth/salesforce/callback');
    const global = generateFiles().get(GLOBAL) ?? '';
    expect(global).toContain(`<callbackUrl>${SALESFORCE_CALLBACK_URL}</callbackUrl>`);
    expect(global).toMatch(/<!--[\s\S]*PULSE_PUBLIC_URL[\s\S]*-->/);
  });

  it('put the callback under PULSE_PUBLIC_URL when given, changing only the files that hold a URL of the deployment', () => {
    expect(salesforceCallbackUrl('https://pulse.example.com/')).toBe('https://pulse.example.com/oauth/salesforce/callback');
    expect(salesforceCallbackUrl('https://example.com/pulse')).toBe('https://example.com/pulse/oauth/salesforce/callback');
    const committed = generateFiles();
    const deployed = generateFiles(CATALOG, { publicUrl: 'https://pulse.example.com' });
    expect(deployed.get(GLOBAL)).toContain('<callbackUrl>https://pulse.example.com/oauth/salesforce/callback</callbackUrl>');
    expect([...deployed.keys()].filter((file) => deployed.get(file) !== committed.get(file))).toEqual([HUBSPOT_APP, HUBSPOT_CARD, HUBSPOT_WEBHOOKS, GLOBAL]);
    expect(validateManifests(deployed)).toEqual([]);
  });

  it('written for a deployment, drift from the committed form in the files holding its URL only', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-eca-'));
    try {
      writeManifests(tmp, { publicUrl: 'https://pulse.example.com' });
      const result = checkManifests(tmp);
      expect(result.ok).toBe(false);
      // Each differing file names its first differing line: the Salesforce one, the comment saying where the URL came from.
      expect(result.differences).toEqual([
        expect.stringMatching(new RegExp(`^${HUBSPOT_APP}: line \\d+: expected .*localhost.*, found .*pulse\\.example\\.com/oauth/hubspot/callback`)),
        expect.stringMatching(new RegExp(`^${HUBSPOT_CARD}: line \\d+: expected .*localhost.*, found .*pulse\\.example\\.com'`)),
        expect.stringMatching(new RegExp(`^${HUBSPOT_WEBHOOKS}: line \\d+: expected .*localhost.*, found .*pulse\\.example\\.com/webhooks/hubspot`)),
        expect.stringMatching(new RegExp(`^${GLOBAL}: line \\d+: expected ".*placeholder.*", found ".*PULSE_PUBLIC_URL.*"$`)),
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('validation of the External Client App', () => {
  it('reports a missing file, a missing scope, a callback the web process does not serve and a permission set the project lacks', () => {
    let files = edited(SETTINGS, (xml) => xml.replace('Api, RefreshToken', 'Api'));
    files.delete(`${DEFAULT}/${SALESFORCE_APP_PATHS.ExternalClientApplication}`);
    files.set(GLOBAL, (files.get(GLOBAL) ?? '').replace('/oauth/salesforce/callback</callbackUrl>', '/callback</callbackUrl>'));
    files.set(POLICIES, (files.get(POLICIES) ?? '').replace('>Consumption_Pulse</commaSeparatedPermissionSet>', '>Someone_Else</commaSeparatedPermissionSet>'));
    const problems = validateManifests(files);
    expect(problems).toEqual([
      `${DEFAULT}/externalClientApps/Consumption_Pulse.eca-meta.xml: missing (the ExternalClientApplication of the External Client App)`,
      `${SETTINGS}: scopes lack RefreshToken`,
      `${GLOBAL}: callbackUrl http://localhost:3000/callback does not end in /oauth/salesforce/callback, where the web process receives it`,
      `${POLICIES}: permission set Someone_Else is not in the project, so nobody could connect`,
    ]);
    files = edited(SETTINGS, (xml) => xml.replace('<externalClientApplication>Consumption_Pulse<', '<externalClientApplication>Other<'));
    expect(validateManifests(files).join('\n')).toMatch(new RegExp(`${SETTINGS}: externalClientApplication`));
  });

  it('reports a callback that is not a URL, and a policy that lets any user connect', () => {
    let files = edited(GLOBAL, (xml) => xml.replace(/<callbackUrl>.*<\/callbackUrl>/, '<callbackUrl>not a url</callbackUrl>'));
    expect(validateManifests(files)).toEqual([`${GLOBAL}: callbackUrl not a url is not a URL`]);
    files = edited(POLICIES, (xml) => xml.replace('AdminApprovedPreAuthorized', 'AllSelfAuthorized'));
    expect(validateManifests(files).join('\n')).toMatch(new RegExp(`${POLICIES}: permittedUsersPolicyType`));
  });
});

describe('metadata comments', () => {
  it('refuses "--", which XML forbids inside a comment', () => {
    expect(metadataDocument('X', [['a', 1]], ['ok'])).toContain('<!--\n    ok\n-->\n<X ');
    let error: unknown;
    try {
      metadataDocument('X', [], ['run sf project deploy start --source-dir force-app']);
    } catch (caught) {
      error = caught;
    }
    expect(isPulseError(error) && error.code).toBe('CATALOG_INVALID');
  });
});
