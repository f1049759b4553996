import { STARTUP_TIMEOUT_MS } from './abuse-support';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/test-server';

interface Socket {
  readonly ws: WebSocket;
  readonly messages: any[];
  readonly closed: Promise<{ code: number; reason: string }>;
  next(predicate: (message: any) => boolean): Promise<any>;
}

/** A raw graphql-transport-ws socket, acknowledged, recording every message. */
async function connect(url: string): Promise<Socket> {
  const ws = new WebSocket(url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  const messages: any[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const socket: Socket = {
    ws,
    messages,
    closed,
    async next(predicate) {
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          closed.then(() => Promise.reject(new Error(`socket closed; got ${JSON.stringify(messages)}`))),
        ]);
      }
    },
  };
  ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await socket.next((message) => message.type === 'connection_ack');
  return socket;
}

const subscribe = (socket: Socket, id: string, query: string, variables?: Record<string, unknown>) =>
  socket.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));

// The websocket gets the HTTP side's protections: limits, cost, rate limits, coded errors;
// plus its own bounds on payload size, connections, subscriptions and message floods.
describe('graphql-ws limits', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        MAX_QUERY_DEPTH: '5',
        WS_MAX_PAYLOAD_BYTES: '2048',
        WS_MAX_CONNECTIONS_PER_IP: '4',
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
        WS_MAX_MESSAGES_PER_SECOND: '10',
        RATE_LIMIT_IP_POINTS: '400',
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.ws.terminate();
  });
  afterAll(() => server?.close());
  const open = async () => {
    const socket = await connect(server.url);
    sockets.push(socket);
    return socket;
  };

  it('applies depth, cost and parse limits to subscribe messages, with codes and a request id', async () => {
    const socket = await open();
    subscribe(socket, 'deep', '{ viewer { upvotedPapers { edges { node { authors { name } } } } } }');
    subscribe(socket, 'cost', 'query($n: Int) { papers(first: $n) { nodes { arxivId } } }', { n: 1_000_000 });
    const deep = await socket.next((m) => m.id === 'deep' && m.type === 'error');
    expect(deep.payload[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limitName: 'depth', limit: 5, measured: 6 });
    expect(deep.payload[0].extensions.requestId).toEqual(expect.any(String));
    expect(deep.payload[0].extensions.http).toBeUndefined();
    const cost = await socket.next((m) => m.id === 'cost' && m.type === 'error');
    expect(cost.payload[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limitName: 'cost', measured: 1_000_001 });
    subscribe(socket, 'parse', '{ papers(first: 1) { nodes { title } }');
    const parse = await socket.next((m) => m.id === 'parse' && m.type === 'error');
    expect(parse.payload[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('runs a valid query over the socket and reports resolver errors coded like HTTP', async () => {
    const socket = await open();
    subscribe(socket, 'ok', '{ papers(first: 2) { totalCount } rateLimit { cost } }');
    subscribe(socket, 'bad', '{ papers(first: -1) { totalCount } }');
    expect((await socket.next((m) => m.id === 'ok' && m.type === 'next')).payload.data).toEqual({ papers: { totalCount: 0 }, rateLimit: { cost: 2 } });
    const bad = await socket.next((m) => m.id === 'bad' && m.type === 'next');
    expect(bad.payload.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it('closes a socket that sends a message over WS_MAX_PAYLOAD_BYTES with 1009', async () => {
    const socket = await open();
    subscribe(socket, 'big', `{ __typename } # ${'x'.repeat(4000)}`);
    expect((await socket.closed).code).toBe(1009);
  });

  it('refuses a subscription beyond WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', async () => {
    const socket = await open();
    subscribe(socket, 's1', 'subscription { paperUpvoted { paper { arxivId } } }');
    subscribe(socket, 's2', 'subscription { paperSubmitted { paper { arxivId } } }');
    subscribe(socket, 's3', 'subscription { paperUpvoted { paper { arxivId } } }');
    const refused = await socket.next((m) => m.id === 's3' && m.type === 'error');
    expect(refused.payload[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limitName: 'subscriptions', limit: 2, measured: 3 });
  });

  it('refuses connections beyond WS_MAX_CONNECTIONS_PER_IP with HTTP 429', async () => {
    for (let i = 0; i < 4; i++) await open();
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(server.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(429);
  });

  it('closes a socket that floods subscribe messages with 1008', async () => {
    const socket = await open();
    for (let i = 0; i < 30; i++) socket.ws.send(JSON.stringify({ type: 'ping' }));
    expect(await socket.closed).toEqual({ code: 1008, reason: 'Too many messages per second' });
  });

  it('spends the IP rate-limit budget over the socket too, then refuses with RATE_LIMITED', async () => {
    const socket = await open();
    const query = '{ papers(first: 100) { nodes { arxivId } } }'; // 101 points
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) {
      subscribe(socket, `q${i}`, query);
      const answer = await socket.next((m) => m.id === `q${i}` && (m.type === 'next' || m.type === 'error'));
      codes.push(answer.type === 'error' ? answer.payload[0].extensions.code : 'OK');
    }
    expect(codes).toContain('RATE_LIMITED');
    expect(codes[0]).toBe('OK');
  });
});
