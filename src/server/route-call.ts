import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors/app-error';
import type { Logger } from '../observability/logger';
import type { GraphQLHttpResult, GraphQLOperation, InProcessGraphQL } from './in-process-graphql';
import { failureOf, passThroughHeaders, sendJsonError } from './route-outcome';

/** What every non-GraphQL public route (REST, feeds, pages) is built from. */
export interface PublicRouteDeps {
  readonly graphql: InProcessGraphQL;
  readonly log: Logger;
  /** Origin of the public site without a trailing slash (PUBLIC_BASE_URL): the links we hand out. */
  readonly publicBaseUrl: string;
}

/** One request to a public route. */
export interface RouteCall {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly requestId: string;
}

/** A failure a route answers with its own status (and the operation's budget headers). */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Runs the operation; a failed one becomes a RouteError with the status its code implies. */
export async function runOperation(deps: PublicRouteDeps, call: RouteCall, operation: GraphQLOperation): Promise<GraphQLHttpResult> {
  const result = await deps.graphql(call.req, call.requestId, operation);
  const failure = failureOf(result);
  if (failure) {
    if (failure.status === 500)
      deps.log.error({ requestId: call.requestId, operation: operation.operationName, errors: result.body.errors }, 'public route operation failed');
    throw new RouteError(failure.status, failure.code, failure.message, passThroughHeaders(result));
  }
  return result;
}

/**
 * Runs a route handler and answers its expected failures as JSON {"error": …}: bad parameters
 * (400), a RouteError with its status. Anything else propagates to the HTTP handler's 500.
 */
export async function answerErrors(call: RouteCall, handler: () => Promise<void>, render = sendJsonError): Promise<void> {
  try {
    await handler();
  } catch (error) {
    if (error instanceof RouteError) return render(call.res, error.status, error.code, error.message, error.headers);
    if (error instanceof AppError) {
      const code = String(error.extensions.code);
      return render(call.res, code === 'BAD_USER_INPUT' ? 400 : 500, code, error.message, {});
    }
    throw error;
  }
}
