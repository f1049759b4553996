import { ConfigError } from '../../../src/config/config-error';
import { loadConfig } from '../../../src/config/load-config';

describe('loadConfig', () => {
  it('defaults to port 4000, the embedded database in ./data and migrations on start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, dataDir: './data', migrateOnStart: true, introspection: true, playground: true });
  });

  it('caches anonymous responses for 15 s in 64 MB by default; 0 turns the cache off, a negative TTL is refused', () => {
    expect(loadConfig({}).responseCache).toEqual({ ttlSeconds: 15, maxBytes: 64 * 1024 * 1024 });
    expect(loadConfig({ RESPONSE_CACHE_TTL_SECONDS: '0', RESPONSE_CACHE_MAX_MB: '8' }).responseCache).toEqual({ ttlSeconds: 0, maxBytes: 8 * 1024 * 1024 });
    expect(() => loadConfig({ RESPONSE_CACHE_TTL_SECONDS: '-1' })).toThrow(/RESPONSE_CACHE_TTL_SECONDS/);
  });

  it('reports every bad variable at once, each by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud', MIGRATE_ON_START: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT: expected an integer 0–65535, got "abc"/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: expected a postgres: or postgresql: URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL: expected one of/);
    expect(problems.join('\n')).toMatch(/MIGRATE_ON_START: expected true or false/);
  });

  it('turns the Playground off in production unless PLAYGROUND enables it', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).playground).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PLAYGROUND: 'true' }).playground).toBe(true);
  });
});
