import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * `npm install` rewrites package-lock.json when the lock's copy of package.json's ranges differs from
 * package.json, leaving a fresh clone's working tree dirty. The lock must hold them exactly.
 */
describe('package-lock.json', () => {
  it('is in step with package.json, so npm install changes nothing', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { name: string; version: string; packages: Record<string, Record<string, unknown>> };
    const root = lock.packages[''] ?? {};
    expect({ name: lock.name, version: lock.version }).toEqual({ name: pkg.name, version: pkg.version });
    for (const field of ['dependencies', 'devDependencies', 'engines', 'bin', 'license']) {
      expect([field, root[field]]).toEqual([field, pkg[field]]);
    }
  });
});
