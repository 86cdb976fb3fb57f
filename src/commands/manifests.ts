import { Command } from 'commander';
import { checkManifests, validateManifests, generateFiles, writeManifests } from '../catalog';
import { CATALOG } from '../catalog/catalog';
import { findProjectRoot, PROJECT_PACKAGE_NAME } from '../catalog/files';
import { SALESFORCE_APP_PATHS, salesforceCallbackUrl } from '../catalog/salesforce-app';
import { PulseError } from '../errors';
import { loadConfig } from './config';

/**
 * `pulse manifests [--check]`: regenerate manifests/ and docs/fields.md from the field catalog, or
 * (with --check, as CI runs it) fail naming every file that drifted from it. Writing takes the Salesforce
 * app's callback URL from `PULSE_PUBLIC_URL` when configured; --check always compares with the committed
 * form (the placeholder), so it gives the same answer on every machine.
 */
export function manifestsCommand(out: { write(text: string): unknown } = process.stdout, env: NodeJS.ProcessEnv = process.env): Command {
  return new Command('manifests')
    .description('regenerate manifests/hubspot, manifests/salesforce and docs/fields.md from the field catalog')
    .option('--check', 'change nothing; exit non-zero and name each difference when the files drift from the catalog')
    .option('--root <dir>', 'repository root to write or check (default: the consumption-pulse folder at or above the current one, else the installed package)')
    .addHelpText(
      'after',
      '\nEnvironment:\n  PULSE_PUBLIC_URL  where the Pulse web process is reached: the Salesforce External Client App\'s callback URL\n' +
        '                    goes under it (unset: the development placeholder the committed files carry)\n' +
        '\nExamples:\n  pulse manifests\n  pulse manifests --check\n  PULSE_PUBLIC_URL=https://pulse.example.com pulse manifests',
    )
    .action((options: { check?: boolean; root?: string }) => {
      const root = options.root ?? findProjectRoot();
      if (root === null) {
        throw new PulseError('INPUT_INVALID', `no ${PROJECT_PACKAGE_NAME} project at or above ${process.cwd()}`, {
          place: '--root',
          hint: 'run it inside the checkout, or pass --root DIR',
        });
      }
      // The check compares with the committed form; only a write is for this deployment.
      const publicUrl = options.check === true ? undefined : loadConfig(env).publicUrl;
      // Never write what would not deploy: structural problems are catalog bugs, not drift.
      const problems = validateManifests(generateFiles(CATALOG, { publicUrl }));
      if (problems.length > 0) throw new PulseError('CATALOG_INVALID', `generated manifests are invalid:\n  ${problems.join('\n  ')}`, { place: 'src/catalog' });
      if (options.check === true) {
        const result = checkManifests(root);
        if (!result.ok) {
          throw new PulseError(
            'MANIFEST_DRIFT',
            `the committed manifests differ from the catalog; run \`pulse manifests\` and commit:\n  ${result.differences.join('\n  ')}`,
            { place: result.differences[0]?.split(':')[0] },
          );
        }
        out.write('manifests: up to date with the catalog\n');
        return;
      }
      const { written, removed } = writeManifests(root, { publicUrl });
      if (written.length === 0 && removed.length === 0) out.write('manifests: nothing to change\n');
      for (const file of written) out.write(`wrote   ${file}\n`);
      for (const file of removed) out.write(`removed ${file}\n`);
      if (publicUrl !== undefined) {
        out.write(
          `manifests: the Salesforce app's callback is ${salesforceCallbackUrl(publicUrl)} (from PULSE_PUBLIC_URL), in ` +
            `manifests/salesforce/force-app/main/default/${SALESFORCE_APP_PATHS.ExtlClntAppGlobalOauthSettings}; the HubSpot app's redirect URL and ` +
            'webhook target are under it too, in manifests/hubspot/src/app/: deploy from this checkout, ' +
            'but commit the files as `pulse manifests` writes them without PULSE_PUBLIC_URL (`--check` expects the placeholders)\n',
        );
      }
    });
}
