import { postGraphQL } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/test-server';

// Every accepted subscribeToDigest may send mail, so it has budgets of its own, much tighter than
// the API's cost budget: per address (mail bombing one inbox) and per client IP (one sender
// spraying many addresses).
describe('subscribeToDigest limits over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS: '2', DIGEST_SUBSCRIBE_LIMIT_PER_IP: '4' } });
  });
  afterAll(() => server?.close());

  const subscribe = (email: string) =>
    postGraphQL(server.url, 'mutation($e: String!) { subscribeToDigest(input: { email: $e, frequency: DAILY }) { email } }', { e: email });
  const rows = () => server.app.db.prisma.digestSubscription.count();

  it('refuses a third request for one address with 429 RATE_LIMITED and a retry time, writing nothing', async () => {
    expect((await subscribe('bombed@example.org')).status).toBe(200);
    expect((await subscribe('bombed@Example.ORG')).status).toBe(200); // the same address: domains are case-insensitive
    const before = await rows();
    const refused = await subscribe('bombed@EXAMPLE.org');
    expect(refused.status).toBe(429);
    const error = refused.expectError('RATE_LIMITED');
    expect(error.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await rows()).toBe(before);
  });

  it('refuses the client IP once it has spent its hourly budget on other addresses', async () => {
    // The first test's three requests all spent from this IP's budget of 4 (the IP is checked
    // before the address, so even the refused one counted).
    expect((await subscribe('one@example.org')).status).toBe(200);
    const refused = await subscribe('two@example.org');
    expect(refused.status).toBe(429);
    refused.expectError('RATE_LIMITED');
    expect(await server.app.db.prisma.digestSubscription.count({ where: { email: 'two@example.org' } })).toBe(0);
  });
});

// graphql-ws accepts mutations too; they must spend from the same per-IP budget as HTTP.
describe('subscribeToDigest limits over the websocket', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { DIGEST_SUBSCRIBE_LIMIT_PER_IP: '2' } });
  });
  afterAll(() => server?.close());

  it('counts websocket and HTTP requests from one IP against one budget', async () => {
    const { createClient } = await import('graphql-ws');
    const { default: WebSocket } = await import('ws');
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const overSocket = (email: string) =>
      new Promise<{ data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> }>((resolve, reject) => {
        let result: any;
        client.subscribe(
          { query: 'mutation($e: String!) { subscribeToDigest(input: { email: $e, frequency: WEEKLY }) { email } }', variables: { e: email } },
          {
            next: (value) => (result = value),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error as never }) : reject(error)),
            complete: () => resolve(result),
          },
        );
      });
    try {
      expect((await postGraphQL(server.url, 'mutation { subscribeToDigest(input: { email: "http@example.org", frequency: DAILY }) { email } }')).status).toBe(
        200,
      );
      expect((await overSocket('ws-one@example.org')).errors).toBeUndefined();
      const refused = await overSocket('ws-two@example.org');
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(await server.app.db.prisma.digestSubscription.count({ where: { email: 'ws-two@example.org' } })).toBe(0);
    } finally {
      await client.dispose();
    }
  });
});
