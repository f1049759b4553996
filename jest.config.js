/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: `npm run typecheck` (tsc) is the type check, so tests need not pay for it per
  // file. swc emits the decorator metadata TypeGraphQL reads, as tsc's emitDecoratorMetadata does;
  // test/support/compiled-app.ts compiles the app for child processes with the same options.
  transform: { '^.+\\.ts$': ['@swc/jest', { ...require('./test/support/swc-options.json'), sourceMaps: 'inline' }] },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // Note the skipped suites plainly in the summary instead of hiding them.
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
};
