import { Env, integer } from './env-readers';

/** The shared cache of anonymous query responses (see README "Caching"). */
export interface ResponseCacheConfig {
  /** How long an anonymous query's response may be served from the cache; 0 turns the cache off. */
  readonly ttlSeconds: number;
  /** Memory the cached responses may take, in bytes; the least recently used go first. */
  readonly maxBytes: number;
}

export function readResponseCacheConfig(env: Env, problems: string[]): ResponseCacheConfig {
  return {
    ttlSeconds: integer(env, 'RESPONSE_CACHE_TTL_SECONDS', { default: 15, min: 0, max: 3600 }, problems),
    maxBytes: integer(env, 'RESPONSE_CACHE_MAX_MB', { default: 64, min: 1, max: 16384 }, problems) * 1024 * 1024,
  };
}
