import { loadConfig, type Config } from '../../src/config/load-config';

/** A valid config for tests: a free port, quiet logs, no demo data unless asked for. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'false', MIGRATE_ON_START: 'false', ...env });
}
