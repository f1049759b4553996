/** The outcome of spending `cost` points from one key's budget in the current window. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Points this request spent (0 when refused: a refused request spends nothing). */
  readonly cost: number;
  readonly limit: number;
  /** Points left in this window after this request. */
  readonly remaining: number;
  /** When the window restarts with a full budget. */
  readonly resetAt: Date;
}

export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** Fixed-window counters: spend atomically, or refuse without spending. */
export interface RateLimitStore {
  consume(key: string, cost: number, rule: RateLimitRule): Promise<RateLimitDecision>;
}

export function decide(used: number, cost: number, rule: RateLimitRule, resetAt: Date, allowed: boolean): RateLimitDecision {
  return { allowed, cost: allowed ? cost : 0, limit: rule.limit, remaining: Math.max(0, rule.limit - used), resetAt };
}
