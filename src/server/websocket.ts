import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { LimitsConfig } from '../config/limits-config';
import type { RequestContext, RequestSession } from '../context';
import type { Logger } from '../observability/logger';
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
  /** Authenticates a connection from its connection_init payload; throws to refuse it. */
  readonly sessionFor: (request: IncomingMessage, connectionParams: Record<string, unknown> | undefined) => Promise<RequestSession>;
  /** A fresh context (request id, loaders) for one operation of a connection's session. */
  readonly contextFor: (session: RequestSession) => RequestContext;
}

export interface WebSocketTransport {
  /** Open graphql-ws subscriptions right now (for metrics and leak tests). */
  activeSubscriptions(): number;
  /** Closes every socket with 1001 (going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/** What a connection keeps between messages: its session, and the context of each operation in flight by id. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  session: RequestSession;
  operations: Map<string, RequestContext>;
}

/** graphql-ws on the HTTP server's /graphql path; queries and subscriptions share one endpoint. */
export function attachWebSocket(deps: WebSocketDeps): WebSocketTransport {
  const gate = createConnectionGate(deps.limits, deps.log);
  const wss = new WebSocketServer({
    server: deps.httpServer,
    path: '/graphql',
    maxPayload: deps.maxPayloadBytes,
    verifyClient: (info, done) => gate.verifyClient(info, done),
  });
  wss.on('connection', (socket, request) => gate.track(socket, request));
  let active = 0;
  const disposable = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema: deps.schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.session = await deps.sessionFor(ctx.extra.request, ctx.connectionParams);
          ctx.extra.operations = new Map();
          return true;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          deps.log.info(
            { transport: 'websocket', closeCode: CloseCode.Forbidden, code: typeof code === 'string' ? code : null, reason: (error as Error).message },
            'websocket refused',
          );
          // graphql-ws closes with 4403 Forbidden when onConnect returns false; the message says why.
          ctx.extra.socket.close(CloseCode.Forbidden, truncateReason((error as Error).message));
          return false;
        }
      },
      // Each subscribe message gets its own context: a connection may live for hours, and a
      // context shared by its operations would answer from loader caches filled long ago.
      onSubscribe: async (ctx, id, payload) => {
        const { session, operations } = ctx.extra as ConnectionState;
        const context = deps.contextFor(session);
        operations.set(id, context);
        const prepared = await guardOperation({ schema: deps.schema, limits: deps.limits, limiter: deps.limiter }, payload, context, {
          openSubscriptions: Object.keys(ctx.subscriptions).length,
        });
        if (!Array.isArray(prepared)) active += 1;
        else {
          const codes = (prepared as readonly GraphQLError[]).map((error) => error.extensions?.code ?? null);
          context.log.info({ transport: 'websocket', operationId: id, codes }, 'websocket operation refused');
        }
        return prepared;
      },
      onComplete: (ctx, id) => {
        ctx.extra.operations?.delete(id);
        active -= 1;
      },
      // Resolver errors and refusals are masked and coded exactly as over HTTP.
      onNext: (_ctx, _id, _payload, args, result) =>
        result.errors ? { ...result, errors: formatWebSocketErrors(result.errors, args.contextValue as RequestContext, deps.log) } : undefined,
      onError: (ctx, id, _payload, errors) => {
        const context = ctx.extra.operations?.get(id);
        // A refused operation never completes, so its context is dropped here.
        ctx.extra.operations?.delete(id);
        return formatWebSocketErrors(errors, context, deps.log);
      },
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
