import WebSocket from 'ws';
import { capturedLog } from '../support/captured-log';
import { createApp, type App } from '../../src/app';
import { createUserWithToken } from '../support/identity-seed';
import { seedPapers } from '../support/seed';
import { ENGINES } from '../support/services';
import { startTestServer, type TestServer } from '../support/test-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { STARTUP_TIMEOUT_MS, codeOf, post } from './abuse-support';

// What docs/caching-and-limits.md promises and no other suite showed: a token's user has a budget of
// its own that resets with the window, WS_MAX_CONNECTIONS caps websockets in total, and an internal
// error reaches the client masked while the log keeps it whole.

const QUERY = '{ papers(first: 100) { nodes { arxivId } } }'; // costs 101 points

describe('per-user rate limit and its window', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_USER_POINTS: '250', RATE_LIMIT_IP_POINTS: '100000', RATE_LIMIT_WINDOW_MS: '2000' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  it("spends the token's user budget, not the address's, answers 429 with retry-after, and serves the user again once the window has passed", async () => {
    const alice = await createUserWithToken(server.database.db, 'alice');
    const bob = await createUserWithToken(server.database.db, 'bob');
    const asAlice = () => post(server.url, { query: QUERY }, { authorization: alice.authorization });
    expect((await asAlice()).status).toBe(200);
    expect((await asAlice()).status).toBe(200);
    const refused = await asAlice();
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2);

    // Per user: another user, and the same address without a token, still have their budgets.
    expect((await post(server.url, { query: QUERY }, { authorization: bob.authorization })).status).toBe(200);
    expect((await post(server.url, { query: QUERY })).status).toBe(200);

    // After the time the server asked for, the window has reset: the whole budget again.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    const again = await asAlice();
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe(String(250 - 101));
  });
});

describe('WS_MAX_CONNECTIONS', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { WS_MAX_CONNECTIONS: '2', WS_MAX_CONNECTIONS_PER_IP: '20' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await server?.close();
  });

  const connect = () =>
    new Promise<{ status: number; socket: WebSocket }>((resolve) => {
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      sockets.push(socket);
      socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0, socket }));
      socket.on('open', () => resolve({ status: 101, socket }));
      socket.on('error', () => undefined);
    });

  it('refuses the upgrade beyond the total with HTTP 429 (under the per-address cap), and accepts again once one closes', async () => {
    const first = await connect();
    const second = await connect();
    expect([first.status, second.status]).toEqual([101, 101]);
    expect((await connect()).status).toBe(429);
    const closed = new Promise((resolve) => first.socket.once('close', resolve));
    first.socket.close();
    await closed;
    // The server counts the close when its side has seen it: retry until it has (bounded by jest).
    let status = (await connect()).status;
    while (status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await connect()).status;
    }
    expect(status).toBe(101);
  });
});

describe.each(ENGINES)('internal errors are masked (%s)', (engine) => {
  let database: TestDatabase;
  let app: App;
  let url: string;
  let lines: Array<Record<string, any>> = [];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedPapers(database.db, 2);
    const captured = capturedLog('info');
    lines = captured.lines;
    app = await createApp(testConfig({ LOG_LEVEL: 'info', NODE_ENV: 'production' }), { db: database.db, log: captured.log });
    url = await app.start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  it('answers a bug (here: a column the code expects is gone) with INTERNAL_SERVER_ERROR and a requestId, no SQL, stack or path; the log has the cause', async () => {
    // A real fault in the real database, not a mock: the byline's author name column disappears.
    await database.db.prisma.$executeRawUnsafe('ALTER TABLE authors RENAME COLUMN name TO name_gone');
    const response = await post(url, { query: '{ papers(first: 2) { nodes { arxivId authors { name } } } }' });
    const error = response.json.errors?.[0];
    expect(error?.message).toBe('Internal server error.');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
    expect(response.text).not.toMatch(/name_gone|does not exist|42703|SELECT|authors\.|prisma|postgres|pglite|\/work\/|\.ts:|at [A-Za-z]+ \(/i);
    // The operator's view: the full error under the same request id.
    const logged = lines.filter((line) => JSON.stringify(line).includes(error?.extensions?.requestId));
    expect(JSON.stringify(logged)).toMatch(/name.*does not exist/i);
  });
});
