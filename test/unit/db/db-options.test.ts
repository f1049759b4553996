import { loadConfig } from '../../../src/config/load-config';
import { dbOptionsFrom } from '../../../src/db/db-options';

describe('dbOptionsFrom', () => {
  const config = loadConfig({ DB_STATEMENT_TIMEOUT_MS: '2500', DB_CONNECT_TIMEOUT_MS: '1500', DB_POOL_SIZE: '7', DATA_DIR: './x' });

  it('carries the configured statement timeout, connect timeout and pool size to the database', () => {
    expect(dbOptionsFrom(config)).toEqual({ databaseUrl: undefined, dataDir: './x', poolSize: 7, connectTimeoutMs: 1500, statementTimeoutMs: 2500 });
  });

  it('lets a caller say where it differs, keeping the rest', () => {
    expect(dbOptionsFrom(config, { poolSize: 2 })).toMatchObject({ poolSize: 2, statementTimeoutMs: 2500, connectTimeoutMs: 1500 });
  });
});
