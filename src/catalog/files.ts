import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG } from './catalog';
import { compareFiles } from './drift';
import { FIELDS_DOC, GENERATED_DIRS, generateFiles, type DeploymentValues } from './generate';

/** The thin fs layer over the pure generator: write the generated files, or compare them with a checkout. */

/** The `name` in package.json of the folder `pulse manifests` writes into. */
export const PROJECT_PACKAGE_NAME = 'consumption-pulse';

function isProjectRoot(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) return false;
  try {
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PROJECT_PACKAGE_NAME;
  } catch (error) {
    // A package.json that is not JSON is not ours; the walk goes on to the folder above.
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

function walkUp(from: string): string | null {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (isProjectRoot(dir)) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The project root: the nearest folder at or above `cwd` whose package.json is named
 * consumption-pulse, else the one holding this module (the installed package), so the command works
 * from any subfolder of a checkout and from outside one. Null when neither is found.
 */
export function findProjectRoot(cwd: string = process.cwd(), moduleDir: string = __dirname): string | null {
  return walkUp(cwd) ?? walkUp(moduleDir);
}

function listFiles(rootDir: string, dir: string): string[] {
  const full = path.join(rootDir, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(rootDir, `${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
}

/** What is on disk where generation writes: every file of the generated folders, and the fields doc. */
function readExisting(rootDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of [...GENERATED_DIRS.flatMap((dir) => listFiles(rootDir, dir)), FIELDS_DOC]) {
    const full = path.join(rootDir, file);
    if (fs.existsSync(full)) files.set(file, fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/**
 * Writes every generated file under `rootDir`, and removes files of the generated folders that no longer are.
 * `deployment`: values of the deployment the files are for (its public URL); absent, the committed form.
 */
export function writeManifests(rootDir: string, deployment: DeploymentValues = {}): { written: string[]; removed: string[] } {
  const expected = generateFiles(CATALOG, deployment);
  const existing = readExisting(rootDir);
  const written: string[] = [];
  for (const [file, content] of expected) {
    if (existing.get(file) === content) continue;
    fs.mkdirSync(path.dirname(path.join(rootDir, file)), { recursive: true });
    fs.writeFileSync(path.join(rootDir, file), content, 'utf8');
    written.push(file);
  }
  const removed = [...existing.keys()].filter((file) => !expected.has(file));
  for (const file of removed) fs.rmSync(path.join(rootDir, file));
  return { written, removed };
}

/**
 * Compares the checkout under `rootDir` with what the catalog generates in its committed form (no deployment
 * values, so the check is the same on every machine); names every difference.
 */
export function checkManifests(rootDir: string): { ok: boolean; differences: string[] } {
  const differences = compareFiles(generateFiles(), readExisting(rootDir));
  return { ok: differences.length === 0, differences };
}
