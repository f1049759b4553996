import Redis from 'ioredis';
import type { Logger } from '../../observability/logger';
import { MemoryRateLimitStore } from './memory-store';
import type { RateLimitDecision, RateLimitRule } from './rate-limit-store';
import { RedisRateLimitStore } from './redis-store';

export type { RateLimitDecision, RateLimitRule } from './rate-limit-store';

export interface RateLimiter {
  /** Spends `cost` points from `key`'s budget, or refuses (spending nothing) when it would overdraw. */
  consume(key: string, cost: number, rule: RateLimitRule): Promise<RateLimitDecision>;
  /** Where the counters live right now: "redis", or "memory" (no REDIS_URL, or Redis down). */
  backend(): 'redis' | 'memory';
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  readonly redisUrl?: string;
  readonly log: Logger;
  /** How long a Redis command may take before this request falls back to memory. */
  readonly redisCommandTimeoutMs?: number;
}

/**
 * Redis-backed when REDIS_URL is set, so every instance spends from one budget. While Redis
 * is unreachable each instance counts in its own memory (budgets become per instance, i.e.
 * looser by the number of instances) and goes back to Redis as soon as ioredis reconnects.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const memory = new MemoryRateLimitStore();
  if (!options.redisUrl) {
    return { consume: (key, cost, rule) => memory.consume(key, cost, rule), backend: () => 'memory', close: async () => undefined };
  }
  const redis = new Redis(options.redisUrl, {
    // Fail fast instead of queueing commands while disconnected: the request falls back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.redisCommandTimeoutMs ?? 250,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  const shared = new RedisRateLimitStore(redis);
  let degraded = false;
  redis.on('error', () => undefined);
  redis.on('ready', () => {
    if (degraded) options.log.info('rate limits shared through Redis again');
    degraded = false;
  });
  return {
    async consume(key, cost, rule) {
      if (redis.status === 'ready') {
        try {
          const decision = await shared.consume(key, cost, rule);
          degraded = false;
          return decision;
        } catch (error) {
          if (!degraded) options.log.warn({ err: error }, 'Redis unavailable; rate limits are per instance until it returns');
          degraded = true;
        }
      } else if (!degraded) {
        degraded = true;
        options.log.warn({ status: redis.status }, 'Redis unavailable; rate limits are per instance until it returns');
      }
      return memory.consume(key, cost, rule);
    },
    backend: () => (redis.status === 'ready' && !degraded ? 'redis' : 'memory'),
    async close() {
      redis.disconnect();
    },
  };
}
