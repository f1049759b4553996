// A graphql-ws subscription. In a browser, leave out `webSocketImpl`: the global WebSocket is used.
// Node 20 has no global WebSocket, so pass the `ws` package's.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export function createSubscriptionClient(url: string, token?: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'), // ws://…/graphql, or wss:// behind HTTPS
    webSocketImpl: WebSocket,
    // Optional: subscribe as a user (e.g. for viewerHasUpvoted). A bad token closes the socket with 4403.
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
  });
}

/** Calls onCount with every new upvote count of one paper until the returned function is called. */
export function watchUpvotes(client: Client, paperId: string, onCount: (count: number) => void, onError: (error: unknown) => void): () => void {
  return client.subscribe<{ paperUpvoted: { upvoteCount: number } }>(
    { query: 'subscription ($id: ID!) { paperUpvoted(paperId: $id) { upvoteCount } }', variables: { id: paperId } },
    {
      next: (result) => (result.data ? onCount(result.data.paperUpvoted.upvoteCount) : onError(result.errors)),
      error: onError,
      complete: () => {},
    },
  );
}
