import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkManifests, writeManifests } from '../../../src/catalog';
import { manifestsCommand } from '../../../src/commands/manifests';

/** `pulse manifests` writes the deployment's callback from PULSE_PUBLIC_URL; `--check` ignores it. */
const GLOBAL = 'manifests/salesforce/force-app/main/default/extlClntAppGlobalOauthSets/Consumption_Pulse_glbloauth.ecaGlblOauth-meta.xml';
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-manifests-command-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(env: NodeJS.ProcessEnv, args: string[]): Promise<{ error: unknown; text: string }> {
  let text = '';
  const command = manifestsCommand({ write: (chunk: string) => (text += chunk) }, env);
  command.exitOverride();
  const error = await command.parseAsync([...args, '--root', tmp], { from: 'user' }).then(() => undefined, (caught: unknown) => caught);
  return { error, text };
}

describe('pulse manifests and PULSE_PUBLIC_URL', () => {
  it('writes the callback under PULSE_PUBLIC_URL and says to commit the placeholder', async () => {
    const { error, text } = await run({ PULSE_PUBLIC_URL: 'https://pulse.example.com' }, []);
    expect(error).toBeUndefined();
    expect(fs.readFileSync(path.join(tmp, GLOBAL), 'utf8')).toContain('<callbackUrl>https://pulse.example.com/oauth/salesforce/callback</callbackUrl>');
    expect(text).toMatch(/callback is https:\/\/pulse\.example\.com\/oauth\/salesforce\/callback \(from PULSE_PUBLIC_URL\).*commit the files as `pulse manifests` writes them without PULSE_PUBLIC_URL/);
    const hubspotApp = JSON.parse(fs.readFileSync(path.join(tmp, 'manifests/hubspot/src/app/app-hsmeta.json'), 'utf8'));
    expect(hubspotApp.config.auth.redirectUrls).toEqual(['https://pulse.example.com/oauth/hubspot/callback']);
    const webhooks = JSON.parse(fs.readFileSync(path.join(tmp, 'manifests/hubspot/src/app/webhooks/webhooks-hsmeta.json'), 'utf8'));
    expect(webhooks.config.settings.targetUrl).toBe('https://pulse.example.com/webhooks/hubspot');
    expect(webhooks.config.subscriptions.legacyCrmObjects.map((s: { subscriptionType: string }) => s.subscriptionType)).toEqual(['company.deletion', 'company.merge']);
  });

  it('writes the placeholder without it, and --check passes whatever PULSE_PUBLIC_URL says', async () => {
    expect((await run({}, [])).error).toBeUndefined();
    expect(fs.readFileSync(path.join(tmp, GLOBAL), 'utf8')).toContain('<callbackUrl>http://localhost:3000/oauth/salesforce/callback</callbackUrl>');
    const check = await run({ PULSE_PUBLIC_URL: 'https://pulse.example.com' }, ['--check']);
    expect(check.error).toBeUndefined();
    expect(check.text).toBe('manifests: up to date with the catalog\n');
  });

  it('--check fails on a checkout written for a deployment', async () => {
    writeManifests(tmp, { publicUrl: 'https://pulse.example.com' });
    expect(checkManifests(tmp).ok).toBe(false);
    const check = await run({}, ['--check']);
    expect((check.error as Error).message).toContain(GLOBAL);
  });
});
