/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts-jest compiles with tsc, which emits the decorator metadata TypeGraphQL needs.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }] },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // Note the skipped suites plainly in the summary instead of hiding them.
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
};
