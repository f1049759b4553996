import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { RequestContext } from '../context';
import type { Logger } from '../observability/logger';
import { contextOrCodedError } from './context-errors';

export interface HttpContextDeps {
  /** Builds the context for one request (authentication and the client IP happen here). */
  readonly contextFor: (req: IncomingMessage, requestId: string) => Promise<RequestContext>;
  readonly log: Logger;
}

export interface GraphQLOperation {
  readonly query: string;
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
}

export interface GraphQLHttpResult {
  readonly status: number;
  /** Apollo's response headers: x-ratelimit-*, cache-control, vary, retry-after. */
  readonly headers: HeaderMap;
  readonly body: {
    // Shaped by each route's own document; the route reads the fields it selected.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
  };
}

export type InProcessGraphQL = (req: IncomingMessage, requestId: string, operation: GraphQLOperation) => Promise<GraphQLHttpResult>;

/**
 * Runs a GraphQL operation for a non-GraphQL route (REST, feeds, pages) through the same Apollo
 * pipeline as POST /graphql, as the caller of `req`: the same authentication, cost-based rate
 * limit, response cache, metrics and request log. That is what makes those routes a second front
 * door rather than a second backend: a REST request costs exactly what its GraphQL twin costs.
 */
export function createInProcessGraphQL(deps: HttpContextDeps & { readonly apollo: ApolloServer<RequestContext> }): InProcessGraphQL {
  return async (req, requestId, operation) => {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    const response = await deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: operation },
      context: () => contextOrCodedError(() => deps.contextFor(req, requestId), requestId, deps.log),
    });
    let text = '';
    if (response.body.kind === 'complete') text = response.body.string;
    else for await (const chunk of response.body.asyncIterator) text += chunk;
    return { status: response.status ?? 200, headers: response.headers, body: JSON.parse(text) };
  };
}
