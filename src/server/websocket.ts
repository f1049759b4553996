import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { RequestContext } from '../context';
import type { Logger } from '../observability/logger';

export interface WebSocketDeps {
  readonly httpServer: HttpServer;
  readonly schema: GraphQLSchema;
  readonly log: Logger;
  readonly maxPayloadBytes: number;
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
  const wss = new WebSocketServer({ server: deps.httpServer, path: '/graphql', maxPayload: deps.maxPayloadBytes });
  const contexts = new WeakMap<object, RequestContext>();
  let active = 0;
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema: deps.schema,
      onConnect: async (ctx) => {
        try {
          contexts.set(ctx.extra, await deps.contextFor(ctx.extra.request, ctx.connectionParams));
          return true;
        } catch (error) {
          deps.log.debug({ err: error }, 'websocket connection refused');
          // graphql-ws closes with 4403 Forbidden when onConnect returns false; the message says why.
          ctx.extra.socket.close(CloseCode.Forbidden, truncateReason((error as Error).message));
          return false;
        }
      },
      context: (ctx) => contexts.get(ctx.extra) as RequestContext,
      onSubscribe: () => {
        active += 1;
      },
      onComplete: () => {
        active -= 1;
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
