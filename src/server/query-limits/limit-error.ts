import { GraphQLError, type ASTNode } from 'graphql';

export type LimitName = 'depth' | 'cost' | 'aliases' | 'directives' | 'documentBytes' | 'subscriptions';

/**
 * A request over one of the configured limits. Clients branch on extensions.code
 * (GRAPHQL_VALIDATION_FAILED, HTTP 400) and read `limit`, `measured` and `limitName`.
 */
export function limitError(limitName: LimitName, label: string, limit: number, measured: number, nodes?: ASTNode[]): GraphQLError {
  return new GraphQLError(`${label} is ${measured}, over the maximum of ${limit}.`, {
    nodes,
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limitName, limit, measured, http: { status: 400 } },
  });
}

/** Cost over the limit; an infinite cost means the estimator gave up on a fragment bomb. */
export function costLimitError(limit: number, measured: number): GraphQLError {
  if (Number.isFinite(measured)) return limitError('cost', 'Query cost', limit, measured);
  return new GraphQLError(`Query cost exceeds the maximum of ${limit}: it expands into too many fields to price.`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limitName: 'cost', limit, measured: null, http: { status: 400 } },
  });
}
