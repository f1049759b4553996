import type { RateLimitDecision } from './rate-limit-store';

// Per-request facts the transports learn before GraphQL runs, attached to the request's
// context so RequestContext itself (shared by every feature) needs no new fields. The client
// is an enumerable symbol property because Apollo shallow-copies the context per operation
// (a WeakMap keyed by the original would miss); the budget is set on the copy itself.
const CLIENT = Symbol('client');
const budgets = new WeakMap<object, RateLimitDecision>();

export function rememberClient(context: object, client: { ip: string }): void {
  Object.defineProperty(context, CLIENT, { value: client, enumerable: true });
}

/** The client IP the transport saw ("unknown" for in-process execution). */
export function clientIpOf(context: object): string {
  return (context as { [CLIENT]?: { ip: string } })[CLIENT]?.ip ?? 'unknown';
}

export function rememberBudget(context: object, decision: RateLimitDecision): void {
  budgets.set(context, decision);
}

/** The rate-limit decision for the operation running in this context, if it was limited. */
export function budgetOf(context: object): RateLimitDecision | undefined {
  return budgets.get(context);
}
