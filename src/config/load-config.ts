import { ConfigError } from './config-error';
import { boolean, Env, integer, oneOf, optionalUrl, text } from './env-readers';
import { readLimitsConfig, type LimitsConfig } from './limits-config';
import { readDigestConfig, type DigestConfig } from './digest-config';
import { readResponseCacheConfig, type ResponseCacheConfig } from './response-cache-config';
import { readWebhookConfig, type WebhookConfig } from './webhook-config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** PostgreSQL through @prisma/adapter-pg; when absent, embedded PGlite in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly migrateOnStart: boolean;
  /** Load the bundled demo papers into an empty embedded database. */
  readonly seedDemo: boolean;
  readonly dbPoolSize: number;
  readonly dbConnectTimeoutMs: number;
  readonly dbStatementTimeoutMs: number;
  readonly redisUrl: string | undefined;
  /** Prefix of Redis pub/sub channel names; deployments sharing one Redis use different prefixes. */
  readonly redisChannelPrefix: string;
  readonly logLevel: LogLevel;
  readonly introspection: boolean;
  /** Repeated queries run as functions compiled by graphql-jit (server/compiled-execution.ts); false: graphql-js only. */
  readonly compileQueries: boolean;
  readonly playground: boolean;
  readonly shutdownTimeoutMs: number;
  /** Query limits, rate limits, CORS, HTTP and websocket bounds. */
  readonly limits: LimitsConfig;
  /** SMTP or outbox, sender address, schedule and links of the email digest. */
  readonly digest: DigestConfig;
  /** Time to live and size of the cache of anonymous query responses. */
  readonly responseCache: ResponseCacheConfig;
  /** Signed webhooks: the address rule, the delivery worker, retries and bounds. */
  readonly webhooks: WebhookConfig;
}

/** Parses and validates the whole environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development', problems);
  const production = nodeEnv === 'production';
  const config: Config = {
    nodeEnv,
    host: text(env, 'HOST', '0.0.0.0'),
    port: integer(env, 'PORT', { default: 4000, min: 0, max: 65535 }, problems),
    databaseUrl: optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
    dataDir: text(env, 'DATA_DIR', './data'),
    migrateOnStart: boolean(env, 'MIGRATE_ON_START', true, problems),
    seedDemo: boolean(env, 'SEED_DEMO', true, problems),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', { default: 10, min: 1, max: 500 }, problems),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', { default: 5000, min: 100, max: 120000 }, problems),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', { default: 10000, min: 100, max: 600000 }, problems),
    redisUrl: optionalUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], problems),
    redisChannelPrefix: text(env, 'REDIS_CHANNEL_PREFIX', 'daily-papers'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info', problems),
    introspection: boolean(env, 'INTROSPECTION', true, problems),
    compileQueries: boolean(env, 'COMPILE_QUERIES', true, problems),
    playground: boolean(env, 'PLAYGROUND', !production, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', { default: 10000, min: 0, max: 600000 }, problems),
    limits: readLimitsConfig(env, problems),
    digest: readDigestConfig(env, problems),
    responseCache: readResponseCacheConfig(env, problems),
    webhooks: readWebhookConfig(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
