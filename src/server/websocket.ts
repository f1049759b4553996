import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { LimitsConfig } from '../config/limits-config';
import type { RequestContext } from '../context';
import type { Logger } from '../observability/logger';
import { rememberClient } from '../lib/request-client';
import { clientIp } from './client-ip';
import { createConnectionGate, guardOperation } from './websocket-limits';
import { formatWebSocketErrors } from './websocket-errors';
import type { RateLimiter } from './rate-limit/rate-limiter';

export interface WebSocketDeps {
  readonly httpServer: HttpServer;
  readonly schema: GraphQLSchema;
  readonly log: Logger;
  readonly maxPayloadBytes: number;
  /** The same query limits and rate limits as HTTP, plus connection and flood bounds. */
  readonly limits: LimitsConfig;
  readonly limiter: RateLimiter;
  /** Builds a connection's context from its connection_init payload; throws to refuse it. */
  readonly contextFor: (request: IncomingMessage, connectionParams: Record<string, unknown> | undefined) => Promise<RequestContext>;
}

export interface WebSocketTransport {
  /** Open graphql-ws subscriptions right now (for metrics and leak tests). */
  activeSubscriptions(): number;
  /** Closes every socket with 1001 (going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/** graphql-ws on the HTTP server's /graphql path; queries and subscriptions share one endpoint. */
export function attachWebSocket(deps: WebSocketDeps): WebSocketTransport {
  const gate = createConnectionGate(deps.limits);
  const wss = new WebSocketServer({
    server: deps.httpServer,
    path: '/graphql',
    maxPayload: deps.maxPayloadBytes,
    verifyClient: (info, done) => gate.verifyClient(info, done),
  });
  wss.on('connection', (socket, request) => gate.track(socket, request));
  const contexts = new WeakMap<object, RequestContext>();
  let active = 0;
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema: deps.schema,
      onConnect: async (ctx) => {
        try {
          const context = await deps.contextFor(ctx.extra.request, ctx.connectionParams);
          // As on HTTP: services that limit per client (subscribeToDigest) read the IP from the
          // context; without it every websocket client would share one "unknown" budget.
          rememberClient(context, { ip: clientIp(ctx.extra.request, deps.limits.trustProxy) });
          contexts.set(ctx.extra, context);
          return true;
        } catch (error) {
          deps.log.debug({ err: error }, 'websocket connection refused');
          // graphql-ws closes with 4403 Forbidden when onConnect returns false; the message says why.
          ctx.extra.socket.close(CloseCode.Forbidden, truncateReason((error as Error).message));
          return false;
        }
      },
      context: (ctx) => contexts.get(ctx.extra) as RequestContext,
      onSubscribe: async (ctx, _id, payload) => {
        const context = contexts.get(ctx.extra) as RequestContext;
        const client = { ip: clientIp(ctx.extra.request, deps.limits.trustProxy), openSubscriptions: Object.keys(ctx.subscriptions).length };
        const prepared = await guardOperation({ schema: deps.schema, limits: deps.limits, limiter: deps.limiter }, payload, context, client);
        if (!Array.isArray(prepared)) active += 1;
        return prepared;
      },
      onComplete: () => {
        active -= 1;
      },
      // Resolver errors and refusals are masked and coded exactly as over HTTP.
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatWebSocketErrors(result.errors, contexts.get(ctx.extra), deps.log) } : undefined,
      onError: (ctx, _id, _payload, errors) => formatWebSocketErrors(errors, contexts.get(ctx.extra), deps.log),
    },
    wss,
  );
  return {
    activeSubscriptions: () => Math.max(0, active),
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

// A websocket close reason may be at most 123 bytes.
function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= 123 ? reason : bytes.subarray(0, 120).toString('utf8') + '…';
}
