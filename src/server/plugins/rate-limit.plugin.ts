import type { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { LimitsConfig } from '../../config/limits-config';
import type { RequestContext } from '../../context';
import { RateLimitedError } from '../../errors/errors';
import { requestCost } from '../query-limits/request-cost';
import { pointsFor, rateLimitSubject, retryAfterSeconds } from '../rate-limit/rate-limit-policy';
import type { RateLimitDecision } from '../rate-limit/rate-limit-store';
import type { RateLimiter } from '../rate-limit/rate-limiter';

/**
 * Cost-based rate limiting (GitHub style): an operation spends its computed cost before any
 * resolver runs; over budget → 429 RATE_LIMITED with retry-after. Every response carries
 * x-ratelimit-* headers. Requests rejected before an operation is resolved (parse and
 * validation errors) spend one point.
 */
export function rateLimitPlugin(options: { limiter: RateLimiter; limits: LimitsConfig }): ApolloServerPlugin<RequestContext> {
  const spend = async (context: RequestContext, points: number): Promise<RateLimitDecision> => {
    const subject = rateLimitSubject(options.limits, context.viewer, context.clientAddress);
    const decision = await options.limiter.consume(subject.key, points, subject.rule);
    context.rateLimit = decision;
    return decision;
  };
  return {
    async requestDidStart() {
      let decision: RateLimitDecision | undefined;
      return {
        async didResolveOperation(requestContext) {
          decision = await spend(requestContext.contextValue, pointsFor(requestCost(requestContext)));
          if (!decision.allowed) {
            throw new RateLimitedError(
              retryAfterSeconds(decision.resetAt),
              `Rate limit exceeded: this operation costs ${pointsFor(requestCost(requestContext))} points and ${decision.remaining} of ${decision.limit} remain until ${decision.resetAt.toISOString()}.`,
            );
          }
        },
        async willSendResponse({ contextValue, response }) {
          decision ??= await spend(contextValue, 1);
          setHeaders(response.http.headers, decision);
        },
      };
    },
  };
}

function setHeaders(headers: HeaderMap, decision: RateLimitDecision): void {
  headers.set('x-ratelimit-limit', String(decision.limit));
  headers.set('x-ratelimit-remaining', String(decision.remaining));
  headers.set('x-ratelimit-reset', String(Math.ceil(decision.resetAt.getTime() / 1000)));
  headers.set('x-ratelimit-cost', String(decision.cost));
}
