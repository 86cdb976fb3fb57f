/**
 * Two projects. `node`: unit tests need nothing; integration tests get PostgreSQL from the global setup, and a
 * Redis of their own from tests/support/redis.ts. `lwc`: the Salesforce Account card (generated into
 * manifests/salesforce/.../lwc, tested from tests/lwc/) in jsdom with the LWC compiler, as sfdx-lwc-jest runs it.
 */
const lwcPreset = require('@lwc/jest-preset');

const node = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type errors are caught by `npm run typecheck`; transpiling alone keeps the suite fast.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};

const lwc = {
  displayName: 'lwc',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/lwc'],
  testMatch: ['**/*.test.js'],
  moduleFileExtensions: ['js', 'html', 'css'],
  resolver: '<rootDir>/tests/lwc/resolver.cjs',
  transform: { '^.+\\.(js|html|css)$': require.resolve('@lwc/jest-transformer') },
  // sfdx-lwc-jest's lightning stubs are LWC sources: they need the transform too.
  transformIgnorePatterns: ['/node_modules/(?!(.*@lwc/state)|(.*@salesforce/sfdx-lwc-jest/src/lightning-stubs)/)'],
  setupFilesAfterEnv: lwcPreset.setupFilesAfterEnv,
  snapshotSerializers: lwcPreset.snapshotSerializers,
};

module.exports = {
  projects: [node, lwc],
  testTimeout: 60000,
};
