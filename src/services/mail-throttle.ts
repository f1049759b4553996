import { RateLimitedError } from '../errors/errors';

/** Spends from a named budget; the app passes its rate limiter (shared through Redis when configured). */
export interface SubscribeThrottle {
  consume(key: string, cost: number, rule: { limit: number; windowMs: number }): Promise<{ allowed: boolean; resetAt: Date }>;
}

/** Hourly budgets for requests that send mail to an address someone typed (mail-bombing guard). */
export interface MailThrottle {
  readonly limiter: SubscribeThrottle;
  readonly perAddressPerHour: number;
  readonly perIpPerHour: number;
}

/**
 * Spends one request from the client's and the address's hourly budgets, or throws RATE_LIMITED.
 * The refusal is the same for known and unknown addresses, so the limit reveals nothing either.
 * `family` keeps budgets apart ("digest-subscribe", "sign-in"). Unlimited without a throttle (CLI, tests).
 */
export async function spendMailBudget(
  throttle: MailThrottle | undefined,
  request: { family: string; email: string; clientIp: string; now: Date; what: string },
): Promise<void> {
  if (!throttle) return;
  const budgets = [
    { key: `${request.family}:ip:${request.clientIp}`, limit: throttle.perIpPerHour },
    { key: `${request.family}:address:${request.email}`, limit: throttle.perAddressPerHour },
  ];
  for (const budget of budgets) {
    const decision = await throttle.limiter.consume(budget.key, 1, { limit: budget.limit, windowMs: 3_600_000 });
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil((decision.resetAt.getTime() - request.now.getTime()) / 1000));
      throw new RateLimitedError(seconds, `Too many ${request.what}; retry in ${seconds} s.`);
    }
  }
}
