import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { operationCost } from './operation-cost';

const costs = new WeakMap<object, number | undefined>();

// Apollo keeps one parsed DocumentNode per query text (its document store), so a repeated
// operation arrives with the same document object. Its cost depends only on the document, the
// operation name and the variables: remembered per document (a WeakMap, so documents Apollo
// evicts take their entries along) under the operation name and variables, for at most
// MAX_PER_DOCUMENT variable sets. Computing it walked the whole operation on every request.
const byDocument = new WeakMap<DocumentNode, Map<string, number | undefined>>();
const MAX_PER_DOCUMENT = 256;

function memoizedCost(requestContext: GraphQLRequestContextDidResolveOperation<object>): number | undefined {
  const { schema, document, request, operationName } = requestContext;
  let known = byDocument.get(document);
  if (!known) byDocument.set(document, (known = new Map()));
  const key = `${operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
  if (known.has(key)) return known.get(key);
  const cost = operationCost(schema, document, request.variables, operationName);
  if (known.size >= MAX_PER_DOCUMENT) known.clear();
  known.set(key, cost);
  return cost;
}

/**
 * The operation's cost, computed once per request with its variables and shared by the
 * query-limits and rate-limit plugins (whichever asks first computes it).
 */
export function requestCost(requestContext: GraphQLRequestContextDidResolveOperation<object>): number | undefined {
  if (!costs.has(requestContext)) costs.set(requestContext, memoizedCost(requestContext));
  return costs.get(requestContext);
}
