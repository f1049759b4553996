import { decide, type RateLimitDecision, type RateLimitRule, type RateLimitStore } from './rate-limit-store';

interface Window {
  used: number;
  resetAt: number;
}

/** One process's counters: the store without Redis, and the fallback while Redis is down. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async consume(key: string, cost: number, rule: RateLimitRule): Promise<RateLimitDecision> {
    const now = this.now();
    this.sweep(now, rule.windowMs);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { used: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, window);
    }
    const allowed = window.used + cost <= rule.limit;
    if (allowed) window.used += cost;
    return decide(window.used, cost, rule, new Date(window.resetAt), allowed);
  }

  // Expired windows are dropped at most once per window length, so memory follows the number
  // of clients seen in one window, not since start.
  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
