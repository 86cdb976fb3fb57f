import Module from 'node:module';
import type { PGlite } from '@electric-sql/pglite';
import type { PgliteCreate } from '../../../src/sync/state/pglite-client';

/**
 * PGlite loads its WASM and file system with dynamic `import()`, which Jest's VM sandbox refuses
 * without --experimental-vm-modules. Loading it through Node's own module loader (outside the
 * sandbox) runs the very same package; the store's row readers are realm-agnostic for this reason.
 */
const loader = Module as unknown as { _load(request: string, parent: null, isMain: boolean): { PGlite: typeof PGlite } };

export const pgliteOutsideJest: PgliteCreate = (dir) => {
  const { PGlite: Outside } = loader._load(require.resolve('@electric-sql/pglite'), null, false);
  return dir === null ? Outside.create() : Outside.create(dir);
};
