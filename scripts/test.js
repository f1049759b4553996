#!/usr/bin/env node
// npm test: says up front which real services this run will use, then runs jest.
// .ci/run sets TEST_DATABASE_URL and TEST_REDIS_URL so that nothing is skipped there.
const { spawnSync } = require('node:child_process');

const services = [
  ['PostgreSQL', 'TEST_DATABASE_URL'],
  ['Redis', 'TEST_REDIS_URL'],
];
for (const [name, variable] of services) {
  console.log(
    process.env[variable]
      ? `${name}: ${variable} is set; its suites run.`
      : `${name}: ${variable} is not set; suites that need ${name} are SKIPPED (they run in .ci/run).`,
  );
}
console.log(
  require('node:fs').existsSync('/usr/bin/chromium') || process.env.CI === 'true'
    ? 'Chromium: the browser suite runs.'
    : 'Chromium: /usr/bin/chromium is missing; the browser suite is SKIPPED (it runs in .ci/run).',
);
// PGlite loads parts of itself with import(), which jest's module sandbox allows only with this flag.
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', require.resolve('jest/bin/jest'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
