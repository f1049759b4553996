import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A graphql-ws client to a test server's /graphql that connects at once and never retries, so a refused or lost
 * connection fails the test instead of hiding behind reconnects. `connected` resolves on the server's connection_ack.
 */
export function connectWs(baseUrl: string, connectionParams: Record<string, unknown> = {}): { client: Client; connected: Promise<void> } {
  let acknowledged!: () => void;
  const connected = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { connected: () => acknowledged() },
  });
  return { client, connected };
}
