import type { ServerResponse } from 'node:http';
import type { GraphQLHttpResult } from './in-process-graphql';
import { noteRefusalCode } from './refusal-log';
import { withMergedVary } from './vary';

// How the routes that answer from an in-process GraphQL operation (REST, feeds, pages) turn its
// result into HTTP: the operation's budget and caching headers pass through unchanged, and an
// error becomes the status a REST client expects rather than GraphQL's 200-with-errors.

const PASSED_THROUGH = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-cost', 'retry-after', 'cache-control', 'vary', 'age'];

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** The headers of the operation's response that the route's response carries too. */
export function passThroughHeaders(result: GraphQLHttpResult): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = result.headers.get(name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

export interface RouteFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * The operation's failure, if any. Our own documents never fail to parse or validate, so such a
 * code (or any unknown one) is a 500 here, not the client's 400.
 */
export function failureOf(result: GraphQLHttpResult): RouteFailure | null {
  const error = result.body.errors?.[0];
  if (!error) return null;
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const status = STATUS_BY_CODE[code] ?? 500;
  const requestId = error.extensions?.requestId;
  const message = status === 500 && requestId ? `Internal server error (request id ${String(requestId)}).` : error.message;
  return { status, code, message };
}

/** A JSON error in the Hub's shape, {"error": …}, with our stable code and the request id beside it. */
export function sendJsonError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  noteRefusalCode(res, code);
  const requestId = res.getHeader('x-request-id');
  const body = JSON.stringify({ error: message, code, ...(requestId !== undefined && { requestId: String(requestId) }) });
  res.writeHead(
    status,
    withMergedVary(res, {
      'cache-control': 'no-store',
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    }),
  );
  res.end(body);
}
