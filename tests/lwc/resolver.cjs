/**
 * Module resolution for the LWC tests. sfdx-lwc-jest's own resolver looks for sfdx-project.json in the
 * working directory, and ours lives in manifests/salesforce/: so `c/<name>` is looked up in the generated
 * lwc folder here, `lightning/<name>` in sfdx-lwc-jest's stubs (uiRecordApi's getRecord is a test wire
 * adapter there), and everything else goes to @lwc/jest-resolver as the preset would.
 */
const fs = require('node:fs');
const path = require('node:path');
const lwcResolver = require('@lwc/jest-resolver');

const LWC_DIR = path.join(__dirname, '..', '..', 'manifests', 'salesforce', 'force-app', 'main', 'default', 'lwc');
const STUBS = path.join(path.dirname(require.resolve('@salesforce/sfdx-lwc-jest/package.json')), 'src', 'lightning-stubs');

function firstFile(base, extensions) {
  return [base, ...extensions.map((extension) => base + extension)].find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

module.exports = function resolve(request, options) {
  if (request === 'lwc') return require.resolve('@lwc/engine-dom');
  const [namespace, name] = request.split('/');
  if (name !== undefined && !name.includes('/') && (namespace === 'c' || namespace === 'lightning')) {
    const file = namespace === 'c' ? firstFile(path.join(LWC_DIR, name, name), options.extensions) : firstFile(path.join(STUBS, name, name), ['.js']);
    if (file !== undefined) return file;
  }
  return lwcResolver(request, options);
};
