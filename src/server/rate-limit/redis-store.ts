import type Redis from 'ioredis';
import { decide, type RateLimitDecision, type RateLimitRule, type RateLimitStore } from './rate-limit-store';

// Check and spend in one atomic step, so instances sharing Redis never overspend a budget
// between a read and a write. Returns {allowed, used, pttl}.
const CONSUME = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
if used + cost > limit then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = window end
  return {0, used, ttl}
end
used = redis.call('INCRBY', KEYS[1], cost)
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
return {1, used, ttl}
`;

/** Counters shared by every instance on the same Redis. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ratelimit:',
  ) {}

  async consume(key: string, cost: number, rule: RateLimitRule): Promise<RateLimitDecision> {
    const [allowed, used, ttl] = (await this.redis.eval(CONSUME, 1, this.prefix + key, cost, rule.limit, rule.windowMs)) as [number, number, number];
    return decide(used, cost, rule, new Date(Date.now() + ttl), allowed === 1);
  }
}
