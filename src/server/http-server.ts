import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { RequestContext } from '../context';
import type { Logger } from '../observability/logger';
import { acceptsGraphQLResponse, isJsonRequest } from './content-negotiation';
import { contextOrCodedError } from './context-errors';
import type { Cors } from './cors';
import { sendJson, sendRequestError } from './json-response';
import { BodyTooLargeError, readBody } from './read-body';
import { logRefusalOnFinish, markLogged, noteRefusalCode } from './refusal-log';
import { appendVary } from './vary';

export interface HttpRoutesDeps {
  readonly apollo: ApolloServer<RequestContext>;
  readonly log: Logger;
  readonly bodyLimitBytes: number;
  readonly readinessTimeoutMs: number;
  /** Builds the context for one request (authentication and the client address happen here). */
  readonly contextFor: (req: IncomingMessage, requestId: string) => Promise<RequestContext>;
  readonly checkDatabase: () => Promise<void>;
  /** Answers GET /graphql from a browser when the Playground is on; returns false to fall through. */
  readonly playground?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Extra GET routes (metrics, static assets); returns false when the path is not theirs. */
  readonly extraRoutes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;
  /** CORS for /graphql (CORS_ORIGINS); absent: no CORS headers, preflights get 204 without them. */
  readonly cors?: Cors;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function createHttpHandler(deps: HttpRoutesDeps): RequestListener {
  return (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    logRefusalOnFinish(req, res, deps.log, requestId);
    route(deps, req, res, requestId).catch((error: unknown) => {
      deps.log.error({ err: error, requestId }, 'unhandled error in HTTP handler');
      markLogged(res);
      if (!res.headersSent) sendRequestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.', requestId);
      else res.destroy();
    });
  };
}

async function route(deps: HttpRoutesDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    return sendJson(res, 200, { status: 'ok' });
  }
  if (url.pathname === '/readyz' && (req.method === 'GET' || req.method === 'HEAD')) {
    return readiness(deps, res);
  }
  if (url.pathname === '/graphql') {
    if (deps.cors?.handle(req, res)) return;
    if (req.method === 'GET' && deps.playground?.(req, res)) return;
    return graphql(deps, req, res, url, requestId);
  }
  if (deps.extraRoutes && (await deps.extraRoutes(req, res))) return;
  sendRequestError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}. The API is at /graphql.`, requestId);
}

async function readiness(deps: HttpRoutesDeps, res: ServerResponse): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.checkDatabase(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('readiness check timed out')), deps.readinessTimeoutMs);
      }),
    ]);
    sendJson(res, 200, { status: 'ready', database: 'ok' });
  } catch {
    sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
  } finally {
    clearTimeout(timer);
  }
}

async function graphql(deps: HttpRoutesDeps, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    return sendRequestError(res, 405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on /graphql; use GET or POST.`, requestId);
  }
  if (!acceptsGraphQLResponse(req)) {
    return sendRequestError(res, 406, 'NOT_ACCEPTABLE', 'The Accept header admits neither application/graphql-response+json nor application/json.', requestId);
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (method === 'POST') {
    let raw: Buffer;
    try {
      raw = await readBody(req, deps.bodyLimitBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return sendRequestError(res, 413, 'PAYLOAD_TOO_LARGE', error.message, requestId);
      }
      throw error;
    }
    const contentType = headers.get('content-type') ?? '';
    if (!isJsonRequest(contentType)) {
      return sendRequestError(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Unsupported Content-Type "${contentType.slice(0, 80)}"; POST a JSON body with "Content-Type: application/json".`,
        requestId,
      );
    }
    const charset = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return sendRequestError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported charset "${charset.slice(0, 40)}"; send UTF-8.`, requestId);
    }
    try {
      body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {
      return sendRequestError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.', requestId);
    }
  }
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context: () => contextOrCodedError(() => deps.contextFor(req, requestId), requestId, deps.log),
  });
  for (const [name, value] of response.headers) {
    // CORS may already have set Vary: Origin; Apollo's Vary (Authorization) adds to it.
    if (name === 'vary') appendVary(res, value);
    else res.setHeader(name, value);
  }
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(withRequestId(res, response.body.string, requestId));
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Apollo refuses some requests before any plugin runs (a batch, a body it cannot read): their
 * errors lack the request id the request-id plugin adds and no request log line was written.
 * Those get the id here, and the refusal hook logs them; everything else was logged already.
 */
function withRequestId(res: ServerResponse, body: string, requestId: string): string {
  if (res.statusCode < 400) {
    markLogged(res);
    return body;
  }
  let parsed: { errors?: Array<{ extensions?: Record<string, unknown> }> };
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const errors = parsed.errors ?? [];
  if (errors.length === 0 || errors.every((error) => error.extensions?.requestId !== undefined)) {
    markLogged(res);
    return body;
  }
  noteRefusalCode(res, String(errors[0].extensions?.code ?? 'BAD_REQUEST'));
  for (const error of errors) error.extensions = { ...error.extensions, requestId };
  return JSON.stringify(parsed);
}
