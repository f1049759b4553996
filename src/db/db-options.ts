import type { Config } from '../config/load-config';
import type { DbOptions } from './client';

type DbConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize' | 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs'>;

/**
 * The database options a validated config asks for, in one place so the server and every CLI get
 * the same timeouts. A caller that needs otherwise (a smaller pool, no statement timeout for a
 * long bulk job) says so in `overrides`, where a reader sees it.
 */
export function dbOptionsFrom(config: DbConfig, overrides: Partial<Omit<DbOptions, 'databaseUrl' | 'dataDir'>> = {}): DbOptions {
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    ...overrides,
  };
}
