import { existsSync } from 'node:fs';

// Which real services this run may use. Suites that need PostgreSQL or Redis run when the
// variable is set (.ci/run always sets both) and announce themselves as skipped otherwise; the
// browser suite runs when Debian's Chromium is installed, and always under CI (where a missing
// Chromium must fail, not skip).
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

const skipped = (what: string, variable: string) => (name: string, fn: () => void) =>
  describe.skip(`${name} [skipped: ${what} not configured, set ${variable}]`, fn);

/** describe() for suites that need native PostgreSQL. */
export const describeWithPostgres = TEST_DATABASE_URL ? describe : skipped('PostgreSQL', 'TEST_DATABASE_URL');

/** describe() for suites that need Redis. */
export const describeWithRedis = TEST_REDIS_URL ? describe : skipped('Redis', 'TEST_REDIS_URL');

/** The database engines a suite should run against: PGlite always, PostgreSQL when configured. */
export const ENGINES: ReadonlyArray<'pglite' | 'postgres'> = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Debian's Chromium, which the browser suite drives through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** describe() for suites that need Chromium: skipped and named when it is absent, except under CI. */
export const describeWithChromium =
  existsSync(CHROMIUM) || process.env.CI === 'true'
    ? describe
    : (name: string, fn: () => void) => describe.skip(`${name} [skipped: Chromium not installed at ${CHROMIUM}; apt-get install chromium]`, fn);
