import { Command } from 'commander';
import { checkManifests, validateManifests, generateFiles, writeManifests } from '../catalog';
import { findProjectRoot, PROJECT_PACKAGE_NAME } from '../catalog/files';
import { PulseError } from '../errors';

/**
 * `pulse manifests [--check]`: regenerate manifests/ and docs/fields.md from the field catalog, or
 * (with --check, as CI runs it) fail naming every file that drifted from it.
 */
export function manifestsCommand(out: { write(text: string): unknown } = process.stdout): Command {
  return new Command('manifests')
    .description('regenerate manifests/hubspot, manifests/salesforce and docs/fields.md from the field catalog')
    .option('--check', 'change nothing; exit non-zero and name each difference when the files drift from the catalog')
    .option('--root <dir>', 'repository root to write or check (default: the consumption-pulse folder at or above the current one, else the installed package)')
    .addHelpText('after', '\nExamples:\n  pulse manifests\n  pulse manifests --check')
    .action((options: { check?: boolean; root?: string }) => {
      const root = options.root ?? findProjectRoot();
      if (root === null) {
        throw new PulseError('INPUT_INVALID', `no ${PROJECT_PACKAGE_NAME} project at or above ${process.cwd()}`, {
          place: '--root',
          hint: 'run it inside the checkout, or pass --root DIR',
        });
      }
      // Never write what would not deploy: structural problems are catalog bugs, not drift.
      const problems = validateManifests(generateFiles());
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
      const { written, removed } = writeManifests(root);
      if (written.length === 0 && removed.length === 0) out.write('manifests: nothing to change\n');
      for (const file of written) out.write(`wrote   ${file}\n`);
      for (const file of removed) out.write(`removed ${file}\n`);
    });
}
