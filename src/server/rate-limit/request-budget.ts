import type { RateLimitDecision } from './rate-limit-store';

// The rate-limit decision of the operation running in a context, for the rateLimit field. Set on
// the context object Apollo actually executes with (its per-operation copy).
const budgets = new WeakMap<object, RateLimitDecision>();

export function rememberBudget(context: object, decision: RateLimitDecision): void {
  budgets.set(context, decision);
}

/** The rate-limit decision for the operation running in this context, if it was limited. */
export function budgetOf(context: object): RateLimitDecision | undefined {
  return budgets.get(context);
}
