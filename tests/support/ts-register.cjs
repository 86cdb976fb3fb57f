/**
 * Lets a child process run the TypeScript sources as they are (`node -r tests/support/ts-register.cjs
 * src/cli.ts ...`), for tests that need a second real process: never a stale build. Transpile only, as
 * the jest transform does (`npm run typecheck` checks the types), cached by content hash in the OS
 * temp folder so the second process starts in a fraction of the first's time.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const ts = require('typescript');

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true };
const cacheDir = join(tmpdir(), `pulse-ts-register-${ts.version}`);
mkdirSync(cacheDir, { recursive: true });

function transpile(filename) {
  const source = readFileSync(filename, 'utf8');
  const cached = join(cacheDir, `${createHash('sha1').update(filename).update('\0').update(source).digest('hex')}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  // Written whole under a unique name first: a process reading at the same time never sees half a file.
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, outputText);
  renameSync(partial, cached);
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(filename), filename);
};
