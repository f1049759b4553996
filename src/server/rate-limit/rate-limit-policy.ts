import type { LimitsConfig } from '../../config/limits-config';
import type { Viewer } from '../../context';
import type { RateLimitRule } from './rate-limit-store';

export interface RateLimitSubject {
  readonly key: string;
  readonly rule: RateLimitRule;
}

/**
 * Who pays for an operation: an authenticated caller spends their own (larger) budget
 * wherever they call from; an anonymous caller spends their IP's budget. An app acting for a
 * person spends a budget per person per app, so no app can use up the person's own or another app's.
 */
export function rateLimitSubject(limits: LimitsConfig, viewer: Viewer | null, clientIp: string): RateLimitSubject {
  return viewer
    ? {
        key: viewer.appId ? `user:${viewer.userId}:app:${viewer.appId}` : `user:${viewer.userId}`,
        rule: { limit: limits.rateLimitUserPoints, windowMs: limits.rateLimitWindowMs },
      }
    : { key: `ip:${clientIp}`, rule: { limit: limits.rateLimitIpPoints, windowMs: limits.rateLimitWindowMs } };
}

/** Every operation spends at least one point, so floods of cheap or invalid requests still count. */
export function pointsFor(cost: number | undefined): number {
  return Math.max(1, Math.ceil(cost ?? 1));
}

export function retryAfterSeconds(resetAt: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
}
