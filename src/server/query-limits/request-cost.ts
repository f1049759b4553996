import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { operationCost } from './operation-cost';

const costs = new WeakMap<object, number | undefined>();

/**
 * The operation's cost, computed once per request with its variables and shared by the
 * query-limits and rate-limit plugins (whichever asks first computes it).
 */
export function requestCost(requestContext: GraphQLRequestContextDidResolveOperation<object>): number | undefined {
  if (!costs.has(requestContext)) {
    const { schema, document, request, operationName } = requestContext;
    costs.set(requestContext, operationCost(schema, document, request.variables, operationName));
  }
  return costs.get(requestContext);
}
